-- Access transparency (docs/integrating-your-product.md): the reads and writes that the vendor's
-- product makes under a grant, reported by its systems and shown to the customer. The database
-- decides which grant, if any, covered an access, so a system cannot claim cover it did not have.

-- The tenant a service account names by the product's key, for any account holding a scope
-- that names tenants. Nothing for an unknown key.
CREATE FUNCTION service_tenant_id(p_key text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  SELECT t.id FROM tenants t
  WHERE t.external_key = p_key AND (app_service_can('lockbox:check') OR app_service_can('access:report'))
$$;
ALTER FUNCTION service_tenant_id(text) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION service_tenant_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION service_tenant_id(text) TO trust_app;

CREATE TABLE access_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  service_account_id uuid NOT NULL REFERENCES service_accounts (id),
  -- The reporting system's own id for the access: a report sent twice is kept once.
  report_id text NOT NULL CHECK (report_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
  -- The staff member as the system named them (e-mail or directory user id), and who that is.
  staff_ref text NOT NULL CHECK (length(staff_ref) BETWEEN 1 AND 320),
  staff_id uuid REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL CHECK (action IN ('read', 'write')),
  resource text NOT NULL CHECK (length(resource) BETWEEN 1 AND 200),
  records text[] NOT NULL DEFAULT '{}' CHECK (cardinality(records) <= 100),
  occurred_at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  -- Set by the database (access_reports_cover): the grant that covered the access, or none.
  grant_kind text CHECK (grant_kind IN ('lockbox', 'break_glass')),
  grant_id uuid,
  covered boolean NOT NULL DEFAULT false,
  UNIQUE (service_account_id, report_id)
);
CREATE INDEX access_reports_grant ON access_reports (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX access_reports_tenant ON access_reports (tenant_id, occurred_at DESC);

ALTER TABLE access_reports OWNER TO trust_owner;
ALTER TABLE access_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_reports FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON access_reports TO trust_app;
CREATE POLICY access_reports_owner ON access_reports FOR ALL TO trust_owner USING (true) WITH CHECK (true);
-- The tenant's own people see the accesses made to its data; the reporting system its own reports.
CREATE POLICY access_reports_tenant ON access_reports FOR SELECT TO trust_app
  USING ((app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
    OR (app_actor_kind() = 'service' AND service_account_id = app_actor_id() AND tenant_id = app_tenant_id()));
CREATE POLICY access_reports_report ON access_reports FOR INSERT TO trust_app
  WITH CHECK (app_service_can('access:report') AND service_account_id = app_actor_id() AND tenant_id = app_tenant_id());

-- Which grant covered the access, judged by the database at the time the access happened: an
-- approved lockbox grant of the staff member inside its window and before any revocation (for a
-- write, a read-write one), or a break-glass session of theirs before its end.
CREATE FUNCTION access_reports_cover() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  SELECT u.id INTO NEW.staff_id FROM users u
  WHERE u.kind = 'staff' AND (lower(u.email) = lower(NEW.staff_ref) OR u.directory_user_id = NEW.staff_ref)
  ORDER BY (lower(u.email) = lower(NEW.staff_ref)) DESC LIMIT 1;
  NEW.grant_kind := NULL;
  NEW.grant_id := NULL;
  IF NEW.staff_id IS NOT NULL THEN
    SELECT g.kind, g.id INTO NEW.grant_kind, NEW.grant_id FROM (
      SELECT 'break_glass'::text AS kind, s.id, 0 AS rank FROM break_glass_sessions s
      WHERE s.tenant_id = NEW.tenant_id AND s.invoked_by = NEW.staff_id
        AND s.started_at <= NEW.occurred_at AND NEW.occurred_at < least(s.ends_at, coalesce(s.ended_at, 'infinity'))
      UNION ALL
      SELECT 'lockbox', r.id, 1 FROM lockbox_requests r
      WHERE r.tenant_id = NEW.tenant_id AND r.requested_by = NEW.staff_id AND r.grant_starts_at IS NOT NULL
        AND r.status IN ('approved', 'revoked', 'expired')
        AND (NEW.action = 'read' OR r.access = 'read_write')
        AND r.grant_starts_at <= NEW.occurred_at AND NEW.occurred_at < least(r.grant_ends_at, coalesce(r.revoked_at, 'infinity'))
    ) g ORDER BY g.rank LIMIT 1;
  END IF;
  NEW.covered := NEW.grant_id IS NOT NULL;
  NEW.reported_at := now();
  RETURN NEW;
END $$;
ALTER FUNCTION access_reports_cover() OWNER TO trust_owner;
CREATE TRIGGER access_reports_cover BEFORE INSERT ON access_reports FOR EACH ROW EXECUTE FUNCTION access_reports_cover();

-- Tells the tenant's admins, in their console and by mail, of an access that no grant covered:
-- only for a report the acting service account has just made.
CREATE FUNCTION notify_uncovered_access(p_report uuid, p_title text, p_body text) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  rep access_reports;
  told integer;
BEGIN
  SELECT * INTO rep FROM access_reports a
  WHERE a.id = p_report AND a.service_account_id = app_actor_id() AND a.tenant_id = app_tenant_id() AND NOT a.covered;
  IF NOT FOUND OR app_actor_kind() IS DISTINCT FROM 'service' THEN
    RAISE EXCEPTION 'only the system that reported an uncovered access tells of it' USING ERRCODE = 'insufficient_privilege';
  END IF;
  WITH people AS (
    SELECT u.id, u.email, u.name FROM users u
    WHERE u.tenant_id = rep.tenant_id AND u.kind = 'customer' AND u.role = 'customer_admin'
      AND u.status = 'active' AND u.deprovisioned_at IS NULL
  ), noticed AS (
    INSERT INTO notifications (user_id, kind, title, body, link, created_at)
    SELECT p.id, 'access_without_grant', p_title, p_body, '/console/lockbox', app_now() FROM people p
    RETURNING user_id
  ), mailed AS (
    INSERT INTO mail_outbox (kind, to_address, subject, text_body, link_path)
    SELECT 'access_without_grant', p.email, left(p_title, 300), 'Hello ' || p.name || E',\n\n' || p_body, '/console/lockbox'
    FROM people p WHERE p.id IN (SELECT user_id FROM noticed)
  )
  SELECT count(*) INTO told FROM noticed;
  RETURN told;
END $$;
ALTER FUNCTION notify_uncovered_access(uuid, text, text) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION notify_uncovered_access(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notify_uncovered_access(uuid, text, text) TO trust_app;

INSERT INTO governance_event_kinds (kind, actor_kind) VALUES
  ('integration.access_reported', 'service');
