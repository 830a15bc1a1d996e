-- The machine API for the vendor's own systems (docs/integrating-your-product.md): service
-- accounts with hashed secrets and scopes, the product's own key for each tenant, and the
-- decision "may this staff member reach this tenant's data now", answered by the database from
-- the same grants that guard the portal's own tenant data.

-- 1. A new kind of actor: a vendor system calling /api/v1/ with its service account's secret.
CREATE OR REPLACE FUNCTION app_actor_kind() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  SELECT CASE
    WHEN current_setting('app.actor_kind', true) IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system', 'governance', 'service')
    THEN current_setting('app.actor_kind', true)
  END
$$;

ALTER TABLE governance_event_kinds DROP CONSTRAINT governance_event_kinds_actor_kind_check;
ALTER TABLE governance_event_kinds ADD CONSTRAINT governance_event_kinds_actor_kind_check
  CHECK (actor_kind IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system', 'governance', 'service'));

-- 2. The product's own id for each tenant, which its systems name tenants by. Trust admins set it.
ALTER TABLE tenants ADD COLUMN external_key text UNIQUE
  CHECK (external_key ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$');

GRANT UPDATE (external_key) ON tenants TO trust_app;
CREATE POLICY tenants_external_key ON tenants FOR UPDATE TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

-- 3. Service accounts. Only a SHA-256 hash of each secret is kept: the secret is 32 random bytes,
-- shown to the trust admin once, so a slow hash would add nothing but cost per request.
CREATE TABLE service_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['lockbox:check', 'grants:read', 'access:report']),
  secret_hash text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  secret_hint text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL REFERENCES users (id),
  rotated_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  last_used_at timestamptz
);
CREATE UNIQUE INDEX service_accounts_live_name ON service_accounts (lower(name)) WHERE revoked_at IS NULL;

ALTER TABLE service_accounts OWNER TO trust_owner;
ALTER TABLE service_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_accounts FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON service_accounts TO trust_app;
GRANT UPDATE (secret_hash, secret_hint, rotated_at, revoked_at, revoked_by) ON service_accounts TO trust_app;
CREATE POLICY service_accounts_owner ON service_accounts FOR ALL TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY service_accounts_read ON service_accounts FOR SELECT TO trust_app USING (app_is_trust_admin());
CREATE POLICY service_accounts_create ON service_accounts FOR INSERT TO trust_app
  WITH CHECK (app_is_trust_admin() AND created_by = app_actor_id() AND revoked_at IS NULL AND last_used_at IS NULL);
-- A revoked account stays revoked: rotating or reviving it would hand its history to a new secret.
CREATE POLICY service_accounts_manage ON service_accounts FOR UPDATE TO trust_app
  USING (app_is_trust_admin() AND revoked_at IS NULL)
  WITH CHECK (app_is_trust_admin() AND (revoked_at IS NULL OR revoked_by = app_actor_id()));

-- The account a secret belongs to, for signing a request in (the 'auth' actor only).
CREATE FUNCTION service_account_for_secret(p_hash text)
  RETURNS TABLE (id uuid, name text, scopes text[], last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  SELECT a.id, a.name, a.scopes, a.last_used_at FROM service_accounts a
  WHERE a.secret_hash = p_hash AND a.revoked_at IS NULL AND app_actor_kind() = 'auth'
$$;
ALTER FUNCTION service_account_for_secret(text) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION service_account_for_secret(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION service_account_for_secret(text) TO trust_app;

-- Notes when an account was last used, to the minute: a busy system does not write on every call.
CREATE FUNCTION note_service_account_used(p_id uuid) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  UPDATE service_accounts a SET last_used_at = now()
  WHERE a.id = p_id AND a.revoked_at IS NULL AND app_actor_kind() = 'auth'
    AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute')
$$;
ALTER FUNCTION note_service_account_used(uuid) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION note_service_account_used(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION note_service_account_used(uuid) TO trust_app;

-- Whether the service account acting holds a scope, read from the table on every call, so a
-- revocation or a changed scope holds from the next statement on, whatever the app cached.
CREATE FUNCTION app_service_can(p_scope text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  SELECT app_actor_kind() = 'service' AND EXISTS (
    SELECT 1 FROM service_accounts a WHERE a.id = app_actor_id() AND a.revoked_at IS NULL AND p_scope = ANY (a.scopes)
  )
$$;
ALTER FUNCTION app_service_can(text) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION app_service_can(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_service_can(text) TO trust_app;

-- 4. The decision: may this staff member reach this tenant's data now, and under which grant.
-- The same rule as app_staff_tenant_access(), which guards the portal's own tenant data, asked
-- about a named staff member instead of the actor: an open break-glass session of a designated
-- holder (read and write), else the widest approved lockbox grant of a support engineer that has
-- begun and not ended. Staff are named by e-mail (any case) or by directory user id. Nothing
-- comes back for a tenant or staff member that does not exist: the caller learns no more than
-- "no access". Only a service account holding lockbox:check may ask.
CREATE FUNCTION service_staff_access(p_tenant_key text, p_email text, p_directory_user_id text)
  RETURNS TABLE (tenant_id uuid, staff_id uuid, staff_email text, grant_kind text, grant_id uuid, access text, starts_at timestamptz, ends_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  WITH tenant AS (
    SELECT t.id FROM tenants t WHERE t.external_key = p_tenant_key AND app_service_can('lockbox:check')
  ), staff AS (
    SELECT u.id, u.email, u.role FROM users u
    WHERE u.kind = 'staff' AND u.status = 'active' AND u.deprovisioned_at IS NULL
      AND ((p_email IS NOT NULL AND lower(u.email) = lower(p_email))
        OR (p_directory_user_id IS NOT NULL AND u.directory_user_id = p_directory_user_id))
  ), grants AS (
    SELECT 'break_glass'::text AS kind, s.id, 'read_write'::text AS access, s.started_at AS starts_at, s.ends_at, 0 AS rank
    FROM break_glass_sessions s JOIN break_glass_holders h ON h.user_id = s.invoked_by
    JOIN staff ON staff.id = s.invoked_by AND staff.role = 'break_glass'
    WHERE s.tenant_id = (SELECT id FROM tenant) AND s.ended_at IS NULL AND s.started_at <= app_now() AND s.ends_at > app_now()
    UNION ALL
    SELECT 'lockbox', r.id, r.access, r.grant_starts_at, r.grant_ends_at, CASE r.access WHEN 'read_write' THEN 1 ELSE 2 END
    FROM lockbox_requests r JOIN staff ON staff.id = r.requested_by AND staff.role = 'support'
    WHERE r.tenant_id = (SELECT id FROM tenant) AND r.status = 'approved'
      AND r.grant_starts_at <= app_now() AND r.grant_ends_at > app_now()
  )
  SELECT (SELECT id FROM tenant), (SELECT id FROM staff LIMIT 1), (SELECT email FROM staff LIMIT 1),
    g.kind, g.id, g.access, g.starts_at, g.ends_at
  FROM (SELECT 1) one
  LEFT JOIN LATERAL (SELECT * FROM grants ORDER BY rank, ends_at DESC LIMIT 1) g ON true
  WHERE EXISTS (SELECT 1 FROM tenant)
$$;
ALTER FUNCTION service_staff_access(text, text, text) OWNER TO trust_owner;
REVOKE ALL ON FUNCTION service_staff_access(text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION service_staff_access(text, text, text) TO trust_app;

-- 5. The events these record.
INSERT INTO governance_event_kinds (kind, actor_kind) VALUES
  ('integration.service_account_created', 'staff'),
  ('integration.service_account_rotated', 'staff'),
  ('integration.service_account_revoked', 'staff'),
  ('integration.tenant_key_set', 'staff'),
  ('integration.access_checked', 'service');
