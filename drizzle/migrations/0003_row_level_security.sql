-- Row-level security: the database, not the application, decides which rows an actor sees.
-- The app sets app.tenant_id, app.actor_id and app.actor_kind with set_config(..., true) at
-- the start of every transaction. A missing or malformed setting reads as NULL, so it matches
-- no row: a forgotten setting yields no rows, never all rows, and never an error.
--
-- Actor kinds: 'customer' (a tenant's user; app.tenant_id is their tenant), 'staff' (the
-- vendor's people; app.tenant_id is the tenant they act on, if any), 'anonymous' (public
-- portal), 'auth' (sign-in and session resolution only: may read users and manage sessions,
-- never tenant data).

CREATE FUNCTION app_setting_uuid(name text) RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN s ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN s::uuid
  END
  FROM (SELECT current_setting(name, true) AS s) AS setting
$$;

CREATE FUNCTION app_tenant_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting_uuid('app.tenant_id') $$;

CREATE FUNCTION app_actor_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT app_setting_uuid('app.actor_id') $$;

CREATE FUNCTION app_actor_kind() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN current_setting('app.actor_kind', true) IN ('customer', 'staff', 'anonymous', 'auth')
    THEN current_setting('app.actor_kind', true)
  END
$$;

REVOKE ALL ON FUNCTION app_setting_uuid(text), app_tenant_id(), app_actor_id(), app_actor_kind() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_setting_uuid(text), app_tenant_id(), app_actor_id(), app_actor_kind() TO trust_app;

-- tenants: a customer sees its own tenant; staff and sign-in see all.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
GRANT SELECT ON tenants TO trust_app;
CREATE POLICY tenants_select ON tenants FOR SELECT TO trust_app USING (
  app_actor_kind() IN ('staff', 'auth')
  OR (app_actor_kind() = 'customer' AND id = app_tenant_id())
);

-- users: a customer sees the users of its own tenant; staff see staff; sign-in sees all.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
GRANT SELECT ON users TO trust_app;
CREATE POLICY users_select ON users FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth'
  OR (app_actor_kind() = 'staff' AND tenant_id IS NULL)
  OR (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
);

-- sessions: created, read and revoked by sign-in; a signed-in user may list their own.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON sessions TO trust_app;
GRANT UPDATE (last_seen_at, revoked_at, revoked_reason) ON sessions TO trust_app;
CREATE POLICY sessions_auth ON sessions FOR ALL TO trust_app
  USING (app_actor_kind() = 'auth')
  WITH CHECK (app_actor_kind() = 'auth');
CREATE POLICY sessions_select_own ON sessions FOR SELECT TO trust_app
  USING (user_id = app_actor_id());

-- tenant_records: confidential. Only the tenant's own users read them; vendor staff get
-- access through lockbox grants and break-glass sessions (added with those features).
ALTER TABLE tenant_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_records FORCE ROW LEVEL SECURITY;
GRANT SELECT ON tenant_records TO trust_app;
CREATE POLICY tenant_records_select_own_tenant ON tenant_records FOR SELECT TO trust_app USING (
  app_actor_kind() = 'customer' AND tenant_id = app_tenant_id()
);
