-- Customer lockbox and break-glass (SPEC 4.4), enforced here: vendor staff read a tenant's
-- confidential records only while an approved, unexpired, unrevoked lockbox grant or an
-- active break-glass session exists for that staff member and tenant. The policies compare
-- times themselves, so access closes on time with no job running. Runs as trust_owner.
--
-- Times that decide access (request expiry, grant start and end, break-glass end) are set
-- by triggers from app_now(), never taken from the application's INSERT or UPDATE.

-- The time access is judged at: the transaction's time, or later when the application's
-- clock is ahead (tests move it forward). The application can end access early by claiming
-- a later time, never extend it by claiming an earlier one.
CREATE FUNCTION app_now() RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
DECLARE
  claimed text := current_setting('app.now', true);
BEGIN
  IF claimed IS NULL OR claimed !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$' THEN
    RETURN now();
  END IF;
  RETURN greatest(now(), claimed::timestamptz);
EXCEPTION WHEN others THEN
  RETURN now();
END $$;
REVOKE ALL ON FUNCTION app_now() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_now() TO trust_app;

-- The governance log (SPEC 4.5): one chain per tenant (tenant_id) and one for the vendor
-- (tenant_id NULL). The application reads under RLS and appends only through
-- append_governance_event(); the hash chain and signed checkpoints build on this table.
CREATE TABLE governance_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- No foreign key: a tenant's chain outlives the tenant.
  tenant_id uuid,
  seq bigint NOT NULL CHECK (seq >= 1),
  occurred_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+(\.[a-z_]+)+$'),
  actor_id uuid,
  actor_kind text NOT NULL,
  subject text NOT NULL DEFAULT '' CHECK (length(subject) <= 200),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 4000),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE UNIQUE INDEX governance_events_chain_seq ON governance_events (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq);
CREATE INDEX governance_events_kind_idx ON governance_events (tenant_id, kind);

ALTER TABLE governance_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_events FORCE ROW LEVEL SECURITY;
GRANT SELECT ON governance_events TO trust_app;
CREATE POLICY governance_events_read ON governance_events FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (tenant_id IS NULL AND app_is_trust_admin())
);
CREATE POLICY governance_events_owner ON governance_events FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- Appends one event to a chain as the acting actor. An actor appends to the vendor chain or
-- to the chain of the tenant it acts on; the portal's own work ('system') to any chain.
-- Appends to one chain are serialized by a lock on that chain only.
CREATE FUNCTION append_governance_event(p_tenant uuid, p_kind text, p_subject text, p_reason text, p_payload jsonb)
RETURNS governance_events
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  appended governance_events;
  chain uuid := coalesce(p_tenant, '00000000-0000-0000-0000-000000000000'::uuid);
BEGIN
  IF app_actor_kind() IS NULL THEN
    RAISE EXCEPTION 'governance events need an actor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_tenant IS NOT NULL AND p_tenant IS DISTINCT FROM app_tenant_id() AND app_actor_kind() <> 'system' THEN
    RAISE EXCEPTION 'an actor appends only to the chain of the tenant it acts on' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('governance:' || chain::text, 0));
  INSERT INTO governance_events (tenant_id, seq, occurred_at, kind, actor_id, actor_kind, subject, reason, payload)
  VALUES (
    p_tenant,
    coalesce((SELECT max(e.seq) FROM governance_events e
              WHERE coalesce(e.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain), 0) + 1,
    app_now(), p_kind, app_actor_id(), app_actor_kind(), coalesce(p_subject, ''), coalesce(p_reason, ''),
    coalesce(p_payload, '{}'::jsonb)
  )
  RETURNING * INTO appended;
  RETURN appended;
END $$;
REVOKE ALL ON FUNCTION append_governance_event(uuid, text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_governance_event(uuid, text, text, text, jsonb) TO trust_app;

-- Per-tenant lockbox settings, chosen by the tenant's customer admins. No row: the defaults.
CREATE TABLE lockbox_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  request_expiry_minutes integer NOT NULL DEFAULT 720 CHECK (request_expiry_minutes BETWEEN 60 AND 10080),
  required_approvals smallint NOT NULL DEFAULT 1 CHECK (required_approvals IN (1, 2)),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE lockbox_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  requested_by uuid NOT NULL REFERENCES users (id),
  -- Names as they were when the step was taken, set by the trigger from users: each side
  -- sees who acted without being able to read the other side's user table.
  requester_name text NOT NULL DEFAULT '',
  requester_email text NOT NULL DEFAULT '',
  justification text NOT NULL CHECK (length(justification) BETWEEN 20 AND 2000),
  ticket text NOT NULL CHECK (length(ticket) BETWEEN 1 AND 100),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  access text NOT NULL CHECK (access IN ('read', 'read_write')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'revoked')),
  required_approvals smallint NOT NULL DEFAULT 1 CHECK (required_approvals IN (1, 2)),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decider_name text NOT NULL DEFAULT '',
  decision_comment text NOT NULL DEFAULT '' CHECK (length(decision_comment) <= 2000),
  grant_starts_at timestamptz,
  grant_ends_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  revoker_name text NOT NULL DEFAULT '',
  closed_at timestamptz,
  CHECK (expires_at > created_at),
  CHECK ((status = 'approved') <= (grant_ends_at IS NOT NULL))
);
CREATE INDEX lockbox_requests_tenant_idx ON lockbox_requests (tenant_id, created_at DESC);
CREATE INDEX lockbox_requests_requester_idx ON lockbox_requests (requested_by, created_at DESC);
CREATE INDEX lockbox_requests_active_idx ON lockbox_requests (tenant_id, requested_by) WHERE status = 'approved';

-- Each customer admin's approval; with two required, the second distinct one approves.
CREATE TABLE lockbox_approvals (
  request_id uuid NOT NULL REFERENCES lockbox_requests (id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  approver_id uuid NOT NULL REFERENCES users (id),
  approver_name text NOT NULL DEFAULT '',
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  approved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, approver_id)
);

-- At most two designated holders: one row per slot.
CREATE TABLE break_glass_holders (
  slot smallint PRIMARY KEY CHECK (slot IN (1, 2)),
  user_id uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  designated_at timestamptz NOT NULL DEFAULT now(),
  designated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE break_glass_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  invoked_by uuid NOT NULL REFERENCES users (id),
  invoker_name text NOT NULL DEFAULT '',
  invoker_email text NOT NULL DEFAULT '',
  justification text NOT NULL CHECK (length(justification) BETWEEN 20 AND 2000),
  incident text NOT NULL CHECK (length(incident) BETWEEN 1 AND 100),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 60),
  started_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_by uuid REFERENCES users (id) ON DELETE SET NULL,
  closed_at timestamptz,
  review text CHECK (length(review) BETWEEN 20 AND 10000),
  reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  reviewer_name text NOT NULL DEFAULT '',
  reviewed_at timestamptz,
  CHECK (ends_at > started_at AND ends_at <= started_at + interval '1 hour'),
  CHECK ((review IS NULL) = (reviewed_at IS NULL)),
  CHECK (reviewed_by IS DISTINCT FROM invoked_by OR reviewed_by IS NULL)
);
CREATE INDEX break_glass_sessions_tenant_idx ON break_glass_sessions (tenant_id, started_at DESC);
CREATE INDEX break_glass_sessions_open_review_idx ON break_glass_sessions (started_at) WHERE reviewed_at IS NULL;

-- In-console notifications for one user.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
  link text NOT NULL DEFAULT '' CHECK (link = '' OR link ~ '^/[a-z]'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- The acting staff member's live access to a tenant's records: 'read_write', 'read' or NULL.
-- A lockbox grant counts while approved and inside its window; a break-glass session while
-- it has neither reached its end nor been ended; the member must still be active staff
-- with the role the access belongs to (break-glass also needs a holder's slot).
CREATE FUNCTION app_staff_tenant_access(p_tenant uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN EXISTS (
      SELECT 1 FROM break_glass_sessions s JOIN break_glass_holders h ON h.user_id = s.invoked_by
      WHERE s.tenant_id = p_tenant AND s.invoked_by = app_actor_id() AND s.ended_at IS NULL
        AND s.started_at <= app_now() AND s.ends_at > app_now() AND app_staff_role() = 'break_glass'
    ) THEN 'read_write'
    ELSE (
      SELECT max(r.access) FROM lockbox_requests r
      WHERE r.tenant_id = p_tenant AND r.requested_by = app_actor_id() AND r.status = 'approved'
        AND r.grant_starts_at <= app_now() AND r.grant_ends_at > app_now() AND app_staff_role() = 'support'
    )
  END
  WHERE app_actor_kind() = 'staff' AND p_tenant = app_tenant_id()
$$;
REVOKE ALL ON FUNCTION app_staff_tenant_access(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_staff_tenant_access(uuid) TO trust_app;

-- tenant_records: a support engineer with a read-write grant, or a break-glass holder in a
-- session, may also correct a record. The sub-select is evaluated once per statement.
CREATE POLICY tenant_records_select_staff ON tenant_records FOR SELECT TO trust_app USING (
  app_actor_kind() = 'staff' AND tenant_id = app_tenant_id()
  AND (SELECT app_staff_tenant_access(app_tenant_id())) IS NOT NULL
);
GRANT UPDATE (title, body, updated_at) ON tenant_records TO trust_app;
CREATE POLICY tenant_records_update_staff ON tenant_records FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'staff' AND tenant_id = app_tenant_id() AND (SELECT app_staff_tenant_access(app_tenant_id())) = 'read_write')
  WITH CHECK (app_actor_kind() = 'staff' AND tenant_id = app_tenant_id() AND (SELECT app_staff_tenant_access(app_tenant_id())) = 'read_write');

-- Whether the acting staff member holds a break-glass slot (and the role).
CREATE FUNCTION app_is_break_glass_holder() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(app_staff_role() = 'break_glass', false)
    AND EXISTS (SELECT 1 FROM break_glass_holders h WHERE h.user_id = app_actor_id())
$$;
REVOKE ALL ON FUNCTION app_is_break_glass_holder() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_is_break_glass_holder() TO trust_app;

-- The state machine, enforced again by the database: which status may follow which, that
-- only the fields of that transition change, and that the times come from app_now().
CREATE FUNCTION lockbox_requests_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  settings lockbox_settings;
  at timestamptz := app_now();
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT * INTO settings FROM lockbox_settings WHERE tenant_id = NEW.tenant_id;
    NEW.status := 'pending';
    NEW.created_at := at;
    NEW.expires_at := at + make_interval(mins => coalesce(settings.request_expiry_minutes, 720));
    NEW.required_approvals := coalesce(settings.required_approvals, 1);
    SELECT u.name, u.email INTO NEW.requester_name, NEW.requester_email FROM users u WHERE u.id = NEW.requested_by;
    NEW.decided_at := NULL; NEW.decided_by := NULL; NEW.decider_name := ''; NEW.decision_comment := '';
    NEW.grant_starts_at := NULL; NEW.grant_ends_at := NULL;
    NEW.revoked_at := NULL; NEW.revoked_by := NULL; NEW.revoker_name := ''; NEW.closed_at := NULL;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.tenant_id, NEW.requested_by, NEW.requester_name, NEW.requester_email, NEW.justification, NEW.ticket,
      NEW.duration_minutes, NEW.access, NEW.required_approvals, NEW.created_at, NEW.expires_at)
     IS DISTINCT FROM
     (OLD.id, OLD.tenant_id, OLD.requested_by, OLD.requester_name, OLD.requester_email, OLD.justification, OLD.ticket,
      OLD.duration_minutes, OLD.access, OLD.required_approvals, OLD.created_at, OLD.expires_at) THEN
    RAISE EXCEPTION 'a lockbox request''s terms cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = OLD.status THEN
    RAISE EXCEPTION 'the lockbox request is already %', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  CASE
    WHEN OLD.status = 'pending' AND NEW.status IN ('approved', 'denied') THEN
      IF OLD.expires_at <= at THEN
        RAISE EXCEPTION 'the lockbox request has expired' USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.decided_by IS NULL OR NEW.decided_by = OLD.requested_by THEN
        RAISE EXCEPTION 'a lockbox request is decided by a customer admin, never by its requester' USING ERRCODE = 'check_violation';
      END IF;
      NEW.decided_at := at;
      SELECT u.name INTO NEW.decider_name FROM users u WHERE u.id = NEW.decided_by;
      IF NEW.status = 'approved' THEN
        IF (SELECT count(*) FROM lockbox_approvals a WHERE a.request_id = OLD.id) < OLD.required_approvals THEN
          RAISE EXCEPTION 'the lockbox request needs % approvals', OLD.required_approvals USING ERRCODE = 'check_violation';
        END IF;
        NEW.grant_starts_at := at;
        NEW.grant_ends_at := at + make_interval(mins => OLD.duration_minutes);
      END IF;
    WHEN OLD.status = 'pending' AND NEW.status = 'expired' THEN
      IF OLD.expires_at > at THEN
        RAISE EXCEPTION 'the lockbox request has not expired yet' USING ERRCODE = 'check_violation';
      END IF;
      NEW.closed_at := at;
    WHEN OLD.status = 'approved' AND NEW.status = 'revoked' THEN
      IF OLD.grant_ends_at <= at THEN
        RAISE EXCEPTION 'the lockbox grant has already ended' USING ERRCODE = 'check_violation';
      END IF;
      IF NEW.revoked_by IS NULL THEN
        RAISE EXCEPTION 'a revocation names who revoked' USING ERRCODE = 'check_violation';
      END IF;
      NEW.revoked_at := at;
      SELECT u.name INTO NEW.revoker_name FROM users u WHERE u.id = NEW.revoked_by;
      NEW.closed_at := at;
    WHEN OLD.status = 'approved' AND NEW.status = 'expired' THEN
      IF OLD.grant_ends_at > at THEN
        RAISE EXCEPTION 'the lockbox grant has not ended yet' USING ERRCODE = 'check_violation';
      END IF;
      NEW.closed_at := at;
    ELSE
      RAISE EXCEPTION 'a lockbox request cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END CASE;
  IF NEW.status <> 'approved' AND OLD.status = 'pending' THEN
    NEW.grant_starts_at := NULL; NEW.grant_ends_at := NULL;
  ELSIF OLD.status = 'approved' THEN
    NEW.grant_starts_at := OLD.grant_starts_at;
    NEW.grant_ends_at := OLD.grant_ends_at;
    NEW.decided_at := OLD.decided_at; NEW.decided_by := OLD.decided_by; NEW.decider_name := OLD.decider_name;
    NEW.decision_comment := OLD.decision_comment;
  END IF;
  -- The fields of other transitions keep their values: a decision carries no revocation, an
  -- expiry no decision, and only the trigger closes a request.
  IF NEW.status <> 'revoked' THEN
    NEW.revoked_at := OLD.revoked_at; NEW.revoked_by := OLD.revoked_by; NEW.revoker_name := OLD.revoker_name;
  END IF;
  IF OLD.status = 'pending' AND NEW.status = 'expired' THEN
    NEW.decided_at := OLD.decided_at; NEW.decided_by := OLD.decided_by; NEW.decider_name := OLD.decider_name;
    NEW.decision_comment := OLD.decision_comment;
  END IF;
  IF NEW.status IN ('approved', 'denied') THEN
    NEW.closed_at := OLD.closed_at;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lockbox_requests_guard BEFORE INSERT OR UPDATE ON lockbox_requests
  FOR EACH ROW EXECUTE FUNCTION lockbox_requests_guard();

CREATE FUNCTION lockbox_approvals_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  request lockbox_requests;
BEGIN
  -- Who may approve is settled before the request is looked at (the policy would only be
  -- checked after this trigger): someone else learns nothing of it and cannot lock it.
  IF app_actor_kind() IS NOT NULL AND (app_actor_kind() <> 'customer' OR NEW.tenant_id IS DISTINCT FROM app_tenant_id()
      OR app_customer_role() IS DISTINCT FROM 'customer_admin' OR NEW.approver_id IS DISTINCT FROM app_actor_id()) THEN
    RAISE EXCEPTION 'only the tenant''s customer admins approve its lockbox requests, as themselves' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO request FROM lockbox_requests WHERE id = NEW.request_id AND tenant_id = NEW.tenant_id FOR UPDATE;
  IF request.id IS NULL THEN
    RAISE EXCEPTION 'no such lockbox request' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF request.status <> 'pending' OR request.expires_at <= app_now() THEN
    RAISE EXCEPTION 'the lockbox request is no longer pending' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.approver_id = request.requested_by THEN
    RAISE EXCEPTION 'a requester cannot approve their own request' USING ERRCODE = 'check_violation';
  END IF;
  NEW.approved_at := app_now();
  SELECT u.name INTO NEW.approver_name FROM users u WHERE u.id = NEW.approver_id;
  RETURN NEW;
END $$;
CREATE TRIGGER lockbox_approvals_guard BEFORE INSERT ON lockbox_approvals
  FOR EACH ROW EXECUTE FUNCTION lockbox_approvals_guard();

CREATE FUNCTION break_glass_sessions_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  at timestamptz := app_now();
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.started_at := at;
    NEW.ends_at := at + make_interval(mins => NEW.duration_minutes);
    SELECT u.name, u.email INTO NEW.invoker_name, NEW.invoker_email FROM users u WHERE u.id = NEW.invoked_by;
    NEW.ended_at := NULL; NEW.ended_by := NULL; NEW.closed_at := NULL;
    NEW.review := NULL; NEW.reviewed_by := NULL; NEW.reviewer_name := ''; NEW.reviewed_at := NULL;
    RETURN NEW;
  END IF;
  IF (NEW.id, NEW.tenant_id, NEW.invoked_by, NEW.invoker_name, NEW.invoker_email, NEW.justification, NEW.incident,
      NEW.duration_minutes, NEW.started_at, NEW.ends_at)
     IS DISTINCT FROM
     (OLD.id, OLD.tenant_id, OLD.invoked_by, OLD.invoker_name, OLD.invoker_email, OLD.justification, OLD.incident,
      OLD.duration_minutes, OLD.started_at, OLD.ends_at) THEN
    RAISE EXCEPTION 'a break-glass session''s terms cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.ended_at IS DISTINCT FROM OLD.ended_at OR NEW.ended_by IS DISTINCT FROM OLD.ended_by THEN
    IF OLD.ended_at IS NOT NULL OR OLD.ends_at <= at THEN
      RAISE EXCEPTION 'the break-glass session has already ended' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.ended_by IS DISTINCT FROM OLD.invoked_by OR NEW.ended_by IS DISTINCT FROM app_actor_id() THEN
      RAISE EXCEPTION 'only the holder who invoked a break-glass session ends it early' USING ERRCODE = 'check_violation';
    END IF;
    NEW.ended_at := at;
    NEW.closed_at := at;
  ELSIF NEW.closed_at IS DISTINCT FROM OLD.closed_at THEN
    IF OLD.closed_at IS NOT NULL THEN
      RAISE EXCEPTION 'the break-glass session was already closed' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.ends_at > at THEN
      RAISE EXCEPTION 'the break-glass session has not reached its end' USING ERRCODE = 'check_violation';
    END IF;
    NEW.closed_at := at;
  END IF;
  IF NEW.review IS DISTINCT FROM OLD.review OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
     OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at THEN
    IF OLD.reviewed_at IS NOT NULL THEN
      RAISE EXCEPTION 'the break-glass session was already reviewed' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.ended_at IS NULL AND OLD.ends_at > at THEN
      RAISE EXCEPTION 'a break-glass session is reviewed after it ends' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.reviewed_by IS NULL OR NEW.reviewed_by = OLD.invoked_by THEN
      RAISE EXCEPTION 'a break-glass session is reviewed by a holder other than the one who invoked it' USING ERRCODE = 'check_violation';
    END IF;
    NEW.reviewed_at := at;
    SELECT u.name INTO NEW.reviewer_name FROM users u WHERE u.id = NEW.reviewed_by;
  ELSIF NEW.reviewer_name IS DISTINCT FROM OLD.reviewer_name THEN
    RAISE EXCEPTION 'a reviewer''s name comes with the review' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER break_glass_sessions_guard BEFORE INSERT OR UPDATE ON break_glass_sessions
  FOR EACH ROW EXECUTE FUNCTION break_glass_sessions_guard();

-- Row-level security for the lockbox tables.
ALTER TABLE lockbox_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE lockbox_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE lockbox_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE lockbox_requests FORCE ROW LEVEL SECURITY;
ALTER TABLE lockbox_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE lockbox_approvals FORCE ROW LEVEL SECURITY;
ALTER TABLE break_glass_holders ENABLE ROW LEVEL SECURITY;
ALTER TABLE break_glass_holders FORCE ROW LEVEL SECURITY;
ALTER TABLE break_glass_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE break_glass_sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;

-- The triggers (SECURITY DEFINER, owned by trust_owner) read the tables they guard.
CREATE POLICY lockbox_settings_owner ON lockbox_settings FOR SELECT TO trust_owner USING (true);
CREATE POLICY lockbox_requests_owner ON lockbox_requests FOR ALL TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY lockbox_approvals_owner ON lockbox_approvals FOR SELECT TO trust_owner USING (true);
CREATE POLICY break_glass_holders_owner ON break_glass_holders FOR SELECT TO trust_owner USING (true);
CREATE POLICY break_glass_sessions_owner ON break_glass_sessions FOR SELECT TO trust_owner USING (true);

GRANT SELECT, INSERT, UPDATE ON lockbox_settings TO trust_app;
CREATE POLICY lockbox_settings_read ON lockbox_settings FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (app_actor_kind() = 'staff' AND tenant_id = app_tenant_id())
);
CREATE POLICY lockbox_settings_insert ON lockbox_settings FOR INSERT TO trust_app
  WITH CHECK (tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin' AND updated_by = app_actor_id());
CREATE POLICY lockbox_settings_update ON lockbox_settings FOR UPDATE TO trust_app
  USING (tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin')
  WITH CHECK (tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin' AND updated_by = app_actor_id());

-- Requests: the tenant's users read theirs; a support engineer reads their own and files
-- them, as themselves, for the tenant they act on; trust admins read all for oversight.
-- Only the tenant's active customer admins decide or revoke; the portal's own work
-- ('system') only closes what time has ended (the trigger checks the time).
GRANT SELECT, INSERT ON lockbox_requests TO trust_app;
GRANT UPDATE (status, decided_at, decided_by, decision_comment, grant_starts_at, grant_ends_at, revoked_at, revoked_by, closed_at)
  ON lockbox_requests TO trust_app;
CREATE POLICY lockbox_requests_read ON lockbox_requests FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (app_actor_kind() = 'staff' AND requested_by = app_actor_id())
  OR app_is_trust_admin()
  OR app_actor_kind() = 'system'
);
CREATE POLICY lockbox_requests_file ON lockbox_requests FOR INSERT TO trust_app WITH CHECK (
  app_staff_role() = 'support' AND requested_by = app_actor_id() AND tenant_id = app_tenant_id()
);
CREATE POLICY lockbox_requests_decide ON lockbox_requests FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin')
  WITH CHECK (
    app_actor_kind() = 'customer' AND tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin'
    AND status IN ('approved', 'denied', 'revoked')
    AND (status <> 'revoked' OR revoked_by = app_actor_id())
    AND (status = 'revoked' OR decided_by = app_actor_id())
  );
CREATE POLICY lockbox_requests_close ON lockbox_requests FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'system' AND status IN ('pending', 'approved'))
  WITH CHECK (app_actor_kind() = 'system' AND status = 'expired');

GRANT SELECT, INSERT ON lockbox_approvals TO trust_app;
CREATE POLICY lockbox_approvals_read ON lockbox_approvals FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (app_actor_kind() = 'staff' AND EXISTS (SELECT 1 FROM lockbox_requests r WHERE r.id = request_id))
);
CREATE POLICY lockbox_approvals_give ON lockbox_approvals FOR INSERT TO trust_app WITH CHECK (
  app_actor_kind() = 'customer' AND tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin'
  AND approver_id = app_actor_id()
);

-- Holders: staff read the list; trust admins designate (at most two: the slots).
GRANT SELECT, INSERT, UPDATE, DELETE ON break_glass_holders TO trust_app;
CREATE POLICY break_glass_holders_read ON break_glass_holders FOR SELECT TO trust_app USING (app_actor_kind() IN ('staff', 'system'));
CREATE POLICY break_glass_holders_manage ON break_glass_holders FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin() AND designated_by = app_actor_id());

-- Sessions: the tenant's users read theirs; trust admins and holders read all. A holder
-- opens one as themselves on the tenant they act on; the invoker ends it early; another
-- holder reviews it; the portal's own work closes one that reached its end.
GRANT SELECT, INSERT ON break_glass_sessions TO trust_app;
GRANT UPDATE (ended_at, ended_by, closed_at, review, reviewed_by, reviewed_at) ON break_glass_sessions TO trust_app;
CREATE POLICY break_glass_sessions_read ON break_glass_sessions FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR app_is_trust_admin() OR app_is_break_glass_holder()
  OR app_actor_kind() = 'system'
);
CREATE POLICY break_glass_sessions_invoke ON break_glass_sessions FOR INSERT TO trust_app WITH CHECK (
  app_is_break_glass_holder() AND invoked_by = app_actor_id() AND tenant_id = app_tenant_id()
);
CREATE POLICY break_glass_sessions_holder ON break_glass_sessions FOR UPDATE TO trust_app
  USING (app_is_break_glass_holder())
  WITH CHECK (
    app_is_break_glass_holder()
    AND (ended_by IS NULL OR (ended_by = invoked_by))
    AND (reviewed_by IS NULL OR reviewed_by = app_actor_id())
  );
CREATE POLICY break_glass_sessions_close ON break_glass_sessions FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'system') WITH CHECK (app_actor_kind() = 'system');

-- Notifications: each user reads and marks read their own. They are created by
-- notify_lockbox(), which may address people the acting user cannot otherwise see.
GRANT SELECT ON notifications TO trust_app;
GRANT UPDATE (read_at) ON notifications TO trust_app;
CREATE POLICY notifications_own ON notifications FOR SELECT TO trust_app USING (user_id = app_actor_id());
CREATE POLICY notifications_mark_read ON notifications FOR UPDATE TO trust_app
  USING (user_id = app_actor_id()) WITH CHECK (user_id = app_actor_id());
CREATE POLICY notifications_owner ON notifications FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- Notifies the people a lockbox or break-glass event concerns, in their console and by
-- mail (queued in the outbox, delivered after commit), and returns their addresses.
-- Audiences: 'tenant_admins' (the active customer admins of the tenant acted on),
-- 'requester' (whoever filed the request p_subject of that tenant), 'invoker' and
-- 'other_holders' (of the break-glass session p_subject of that tenant). Nobody else can be
-- addressed, and the actor is never told of their own step. The application role cannot
-- queue mail to a customer-chosen address: customers reach the outbox only through here.
CREATE POLICY mail_outbox_owner_queue ON mail_outbox FOR INSERT TO trust_owner WITH CHECK (true);

CREATE FUNCTION notify_lockbox(p_audience text, p_subject uuid, p_kind text, p_title text, p_body text, p_link text, p_url text)
RETURNS TABLE (email text, name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_tenant_id();
BEGIN
  IF tenant IS NULL AND app_actor_kind() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'notifications concern the tenant acted on' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
  WITH audience AS (
    SELECT u.id, u.email, u.name FROM users u
    WHERE u.status = 'active' AND u.deprovisioned_at IS NULL AND u.id IS DISTINCT FROM app_actor_id() AND (
      (p_audience = 'tenant_admins' AND u.kind = 'customer' AND u.role = 'customer_admin'
        AND u.tenant_id = coalesce(tenant, (SELECT s.tenant_id FROM break_glass_sessions s WHERE s.id = p_subject
                                            UNION ALL SELECT r.tenant_id FROM lockbox_requests r WHERE r.id = p_subject LIMIT 1)))
      OR (p_audience = 'requester' AND u.id = (SELECT r.requested_by FROM lockbox_requests r
            WHERE r.id = p_subject AND (tenant IS NULL OR r.tenant_id = tenant)))
      OR (p_audience = 'invoker' AND u.id = (SELECT s.invoked_by FROM break_glass_sessions s
            WHERE s.id = p_subject AND (tenant IS NULL OR s.tenant_id = tenant)))
      OR (p_audience = 'other_holders' AND u.kind = 'staff' AND u.role = 'break_glass'
            AND u.id IN (SELECT h.user_id FROM break_glass_holders h)
            AND u.id <> (SELECT s.invoked_by FROM break_glass_sessions s
                          WHERE s.id = p_subject AND (tenant IS NULL OR s.tenant_id = tenant)))
    )
  ), noticed AS (
    INSERT INTO notifications (user_id, kind, title, body, link, created_at)
    SELECT a.id, p_kind, p_title, p_body, p_link, app_now() FROM audience a
    RETURNING user_id
  ), mailed AS (
    INSERT INTO mail_outbox (kind, to_address, subject, text_body)
    SELECT p_kind, a.email, left(p_title, 300),
           'Hello ' || a.name || E',\n\n' || p_body || E'\n\nOpen: ' || p_url
    FROM audience a WHERE a.id IN (SELECT user_id FROM noticed)
  )
  -- No RETURNING from the outbox: its policies let the owner queue mail, never read it.
  SELECT a.email, a.name FROM audience a WHERE a.id IN (SELECT user_id FROM noticed);
END $$;
REVOKE ALL ON FUNCTION notify_lockbox(text, uuid, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notify_lockbox(text, uuid, text, text, text, text, text) TO trust_app;
