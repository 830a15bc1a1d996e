-- The grant feed (docs/integrating-your-product.md): every change of a grant, in the order the
-- changes committed, for the vendor's systems to follow from a cursor. Triggers write it, so no
-- path that changes a grant can leave it out.

CREATE TABLE grant_changes (
  seq bigint PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  grant_kind text NOT NULL CHECK (grant_kind IN ('lockbox', 'break_glass')),
  grant_id uuid NOT NULL,
  change text NOT NULL CHECK (change IN ('approved', 'revoked', 'expired', 'opened', 'ended')),
  staff_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  access text NOT NULL CHECK (access IN ('read', 'read_write')),
  starts_at timestamptz NOT NULL,
  -- When the access ends: the grant's end, or when it was revoked or ended early.
  ends_at timestamptz NOT NULL,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX grant_changes_grant ON grant_changes (grant_id);

-- One row holds the feed's last number. A change takes the next number while it holds that row
-- locked, until its transaction ends: numbers are given in commit order, so a reader that has
-- seen number n has seen every change before it, and a consumer resuming after n misses none.
-- Grants change at the pace of people, so the lock costs nothing noticeable.
CREATE TABLE grant_feed_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL
);
INSERT INTO grant_feed_head (one, seq) VALUES (true, 0);

ALTER TABLE grant_changes OWNER TO trust_owner;
ALTER TABLE grant_feed_head OWNER TO trust_owner;
ALTER TABLE grant_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE grant_changes FORCE ROW LEVEL SECURITY;
ALTER TABLE grant_feed_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE grant_feed_head FORCE ROW LEVEL SECURITY;
CREATE POLICY grant_changes_owner ON grant_changes FOR ALL TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY grant_feed_head_owner ON grant_feed_head FOR ALL TO trust_owner USING (true) WITH CHECK (true);
-- A tenant's own people may see its grant changes; the vendor's systems read the feed through
-- service_grant_changes() below; nobody writes it but the triggers.
GRANT SELECT ON grant_changes TO trust_app;
CREATE POLICY grant_changes_tenant ON grant_changes FOR SELECT TO trust_app
  USING (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id());

CREATE FUNCTION record_grant_change(p_tenant uuid, p_kind text, p_grant uuid, p_change text, p_staff uuid, p_access text, p_starts timestamptz, p_ends timestamptz)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  next_seq bigint;
BEGIN
  UPDATE grant_feed_head SET seq = seq + 1 RETURNING seq INTO next_seq;
  INSERT INTO grant_changes (seq, tenant_id, grant_kind, grant_id, change, staff_id, access, starts_at, ends_at, occurred_at)
  VALUES (next_seq, p_tenant, p_kind, p_grant, p_change, p_staff, p_access, p_starts, p_ends, app_now());
END $$;
ALTER FUNCTION record_grant_change(uuid, text, uuid, text, uuid, text, timestamptz, timestamptz) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION record_grant_change(uuid, text, uuid, text, uuid, text, timestamptz, timestamptz) FROM PUBLIC;

CREATE FUNCTION lockbox_requests_feed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NEW.status IS NOT DISTINCT FROM OLD.status THEN
    RETURN NULL;
  END IF;
  IF NEW.status = 'approved' THEN
    PERFORM record_grant_change(NEW.tenant_id, 'lockbox', NEW.id, 'approved', NEW.requested_by, NEW.access, NEW.grant_starts_at, NEW.grant_ends_at);
  ELSIF NEW.status = 'revoked' AND OLD.status = 'approved' THEN
    PERFORM record_grant_change(NEW.tenant_id, 'lockbox', NEW.id, 'revoked', NEW.requested_by, NEW.access, NEW.grant_starts_at,
      least(NEW.grant_ends_at, coalesce(NEW.revoked_at, app_now())));
  ELSIF NEW.status = 'expired' AND OLD.status = 'approved' THEN
    PERFORM record_grant_change(NEW.tenant_id, 'lockbox', NEW.id, 'expired', NEW.requested_by, NEW.access, NEW.grant_starts_at, NEW.grant_ends_at);
  END IF;
  RETURN NULL;
END $$;
ALTER FUNCTION lockbox_requests_feed() OWNER TO trust_owner;
CREATE TRIGGER lockbox_requests_feed AFTER UPDATE OF status ON lockbox_requests
  FOR EACH ROW EXECUTE FUNCTION lockbox_requests_feed();

CREATE FUNCTION break_glass_sessions_feed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM record_grant_change(NEW.tenant_id, 'break_glass', NEW.id, 'opened', NEW.invoked_by, 'read_write', NEW.started_at, NEW.ends_at);
  ELSIF (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
     OR (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL AND OLD.ended_at IS NULL AND NEW.ended_at IS NULL) THEN
    PERFORM record_grant_change(NEW.tenant_id, 'break_glass', NEW.id, 'ended', NEW.invoked_by, 'read_write', NEW.started_at,
      least(NEW.ends_at, coalesce(NEW.ended_at, NEW.ends_at)));
  END IF;
  RETURN NULL;
END $$;
ALTER FUNCTION break_glass_sessions_feed() OWNER TO trust_owner;
CREATE TRIGGER break_glass_sessions_feed AFTER INSERT OR UPDATE OF ended_at, closed_at ON break_glass_sessions
  FOR EACH ROW EXECUTE FUNCTION break_glass_sessions_feed();

-- The changes after a cursor, oldest first, with the tenant's key and the staff member's names:
-- for a service account holding grants:read only.
CREATE FUNCTION service_grant_changes(p_after bigint, p_limit integer)
  RETURNS TABLE (seq bigint, change text, grant_kind text, grant_id uuid, access text, starts_at timestamptz, ends_at timestamptz,
    occurred_at timestamptz, tenant_key text, staff_id uuid, staff_email text, staff_directory_user_id text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  SELECT c.seq, c.change, c.grant_kind, c.grant_id, c.access, c.starts_at, c.ends_at, c.occurred_at,
    t.external_key, u.id, u.email, u.directory_user_id
  FROM grant_changes c
  JOIN tenants t ON t.id = c.tenant_id
  JOIN users u ON u.id = c.staff_id
  WHERE c.seq > p_after AND app_service_can('grants:read')
  ORDER BY c.seq
  LIMIT least(greatest(p_limit, 1), 1000)
$$;
ALTER FUNCTION service_grant_changes(bigint, integer) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION service_grant_changes(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION service_grant_changes(bigint, integer) TO trust_app;
