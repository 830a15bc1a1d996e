-- Identity: which organization a sign-in e-mail belongs to, how directory groups map to
-- roles, the directory's groups and memberships, and the Directory Sync events applied.
-- tenant_id NULL means the vendor's own organization (its staff). Runs as trust_owner.
--
-- New actor kinds for Directory Sync (webhooks and reconciliation): 'directory' applies a
-- tenant's directory and is scoped to app.tenant_id; 'vendor_directory' applies the vendor's
-- own directory (its staff). Even the sync path cannot touch another organization.

CREATE OR REPLACE FUNCTION app_actor_kind() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN current_setting('app.actor_kind', true) IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory')
    THEN current_setting('app.actor_kind', true)
  END
$$;

-- Whether a row of an organization-scoped identity table belongs to the acting organization:
-- the customer's or directory's tenant, or the vendor (tenant_id NULL) for staff and the
-- vendor's directory. A missing tenant setting matches nothing for tenant-scoped actors.
CREATE FUNCTION app_in_scope(row_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE app_actor_kind()
    WHEN 'customer' THEN row_tenant = app_tenant_id()
    WHEN 'directory' THEN row_tenant = app_tenant_id()
    WHEN 'staff' THEN row_tenant IS NULL
    WHEN 'vendor_directory' THEN row_tenant IS NULL
    ELSE false
  END IS TRUE
$$;
REVOKE ALL ON FUNCTION app_in_scope(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_in_scope(uuid) TO trust_app;

CREATE TABLE identity_domains (
  domain text PRIMARY KEY CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_domains_tenant_id_idx ON identity_domains (tenant_id);

-- Per organization: whether SSO may create a user the directory has not provisioned.
CREATE TABLE identity_settings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid UNIQUE REFERENCES tenants (id) ON DELETE CASCADE,
  allow_jit_provisioning boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX identity_settings_vendor_key ON identity_settings ((tenant_id IS NULL)) WHERE tenant_id IS NULL;

CREATE TABLE group_role_mappings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  group_name text NOT NULL CHECK (length(group_name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('trust_admin', 'support', 'break_glass', 'customer_admin', 'customer_member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((tenant_id IS NULL) = (role IN ('trust_admin', 'support', 'break_glass')))
);
CREATE UNIQUE INDEX group_role_mappings_key ON group_role_mappings (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(group_name));

CREATE TABLE directory_groups (
  id text PRIMARY KEY,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  directory_id text NOT NULL,
  name text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_groups_tenant_id_idx ON directory_groups (tenant_id);

CREATE TABLE directory_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id text NOT NULL REFERENCES directory_groups (id) ON DELETE CASCADE,
  UNIQUE (user_id, group_id)
);
CREATE INDEX directory_memberships_tenant_id_idx ON directory_memberships (tenant_id);

-- Every Directory Sync event applied, by its WorkOS event id: a replay changes nothing.
CREATE TABLE directory_events (
  id text PRIMARY KEY,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_events_tenant_id_idx ON directory_events (tenant_id);

ALTER TABLE users ADD COLUMN deprovisioned_at timestamptz;
-- The directory's own last-change time of the user: WorkOS does not promise event order, so
-- an event older than what was applied is ignored.
ALTER TABLE users ADD COLUMN directory_updated_at timestamptz;

-- Row-level security for the new tables.
ALTER TABLE identity_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_domains FORCE ROW LEVEL SECURITY;
GRANT SELECT ON identity_domains TO trust_app;
CREATE POLICY identity_domains_select ON identity_domains FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth'
  OR (app_in_scope(tenant_id))
);

ALTER TABLE identity_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_settings FORCE ROW LEVEL SECURITY;
GRANT SELECT ON identity_settings TO trust_app;
GRANT UPDATE (allow_jit_provisioning, updated_at) ON identity_settings TO trust_app;
CREATE POLICY identity_settings_select ON identity_settings FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth'
  OR (app_in_scope(tenant_id))
);
-- A tenant's customer admins decide whether their identity provider may create users just in
-- time (the application checks the role); staff are never created that way.
CREATE POLICY identity_settings_update ON identity_settings FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'customer' AND app_in_scope(tenant_id))
  WITH CHECK (app_actor_kind() = 'customer' AND app_in_scope(tenant_id));

-- Mappings: read by sign-in and sync in scope; changed by the organization's admins (the
-- application checks the role; the database keeps the change inside the organization).
ALTER TABLE group_role_mappings ENABLE ROW LEVEL SECURITY;
ALTER TABLE group_role_mappings FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON group_role_mappings TO trust_app;
CREATE POLICY group_role_mappings_select ON group_role_mappings FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth' OR app_in_scope(tenant_id)
);
CREATE POLICY group_role_mappings_insert ON group_role_mappings FOR INSERT TO trust_app WITH CHECK (
  app_actor_kind() IN ('customer', 'staff') AND app_in_scope(tenant_id)
);
CREATE POLICY group_role_mappings_delete ON group_role_mappings FOR DELETE TO trust_app USING (
  app_actor_kind() IN ('customer', 'staff') AND app_in_scope(tenant_id)
);

ALTER TABLE directory_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_groups FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON directory_groups TO trust_app;
CREATE POLICY directory_groups_select ON directory_groups FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth' OR app_in_scope(tenant_id)
);
CREATE POLICY directory_groups_write ON directory_groups FOR ALL TO trust_app
  USING (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id))
  WITH CHECK (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id));

ALTER TABLE directory_memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_memberships FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON directory_memberships TO trust_app;
CREATE POLICY directory_memberships_select ON directory_memberships FOR SELECT TO trust_app USING (
  app_actor_kind() = 'auth' OR app_in_scope(tenant_id)
);
CREATE POLICY directory_memberships_write ON directory_memberships FOR ALL TO trust_app
  USING (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id))
  WITH CHECK (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id));

ALTER TABLE directory_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_events FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON directory_events TO trust_app;
CREATE POLICY directory_events_directory ON directory_events FOR ALL TO trust_app
  USING (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id))
  WITH CHECK (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id));

-- users: Directory Sync creates and updates the users of its own organization; sign-in may
-- create a user just in time (the application checks the organization allows it) and the
-- customer and staff admins see their organization's people.
GRANT INSERT ON users TO trust_app;
GRANT UPDATE (email, name, role, status, directory_user_id, deprovisioned_at, directory_updated_at, updated_at) ON users TO trust_app;
CREATE POLICY users_select_directory ON users FOR SELECT TO trust_app USING (
  app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id)
);
CREATE POLICY users_insert ON users FOR INSERT TO trust_app WITH CHECK (
  (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id))
  -- Sign-in creates only a customer member, in a tenant that allows it, with an address of
  -- one of that tenant's domains.
  OR (
    app_actor_kind() = 'auth' AND kind = 'customer' AND role = 'customer_member'
    AND tenant_id IS NOT NULL AND directory_user_id IS NULL
    AND EXISTS (SELECT 1 FROM identity_settings s WHERE s.tenant_id = users.tenant_id AND s.allow_jit_provisioning)
    AND EXISTS (SELECT 1 FROM identity_domains d WHERE d.tenant_id = users.tenant_id AND d.domain = split_part(users.email, '@', 2))
  )
);
CREATE POLICY users_update_directory ON users FOR UPDATE TO trust_app
  USING (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id))
  WITH CHECK (app_actor_kind() IN ('directory', 'vendor_directory') AND app_in_scope(tenant_id));

-- Directory Sync ends the sessions of the users it deprovisions or whose role it changes.
CREATE POLICY sessions_directory ON sessions FOR SELECT TO trust_app USING (
  app_actor_kind() IN ('directory', 'vendor_directory') AND EXISTS (SELECT 1 FROM users u WHERE u.id = user_id AND app_in_scope(u.tenant_id))
);
CREATE POLICY sessions_directory_revoke ON sessions FOR UPDATE TO trust_app
  USING (app_actor_kind() IN ('directory', 'vendor_directory') AND EXISTS (SELECT 1 FROM users u WHERE u.id = user_id AND app_in_scope(u.tenant_id)))
  WITH CHECK (app_actor_kind() IN ('directory', 'vendor_directory'));
