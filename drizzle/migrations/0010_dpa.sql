-- The Data Processing Agreement: structured terms the trust admins edit as a draft and publish
-- as numbered versions (each keeps the SHA-256 of its canonical content), and each tenant's
-- execution of a version. Runs as trust_owner.

-- The acting customer user's role, as the database holds it now (like app_staff_role()).
CREATE FUNCTION app_customer_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.role FROM users u
  WHERE app_actor_kind() = 'customer' AND u.id = app_actor_id() AND u.tenant_id = app_tenant_id()
    AND u.kind = 'customer' AND u.status = 'active' AND u.deprovisioned_at IS NULL
$$;
REVOKE ALL ON FUNCTION app_customer_role() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_customer_role() TO trust_app;

-- One row: the terms being prepared for the next version.
CREATE TABLE dpa_draft (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  content jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE dpa_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version integer NOT NULL UNIQUE CHECK (version >= 1),
  content jsonb NOT NULL,
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  change_note text NOT NULL DEFAULT '' CHECK (length(change_note) <= 500),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- A tenant's acceptance of a DPA version, by one of its customer admins. The legal name is
-- kept as it was when signed: the executed agreement names the party that signed it.
CREATE TABLE dpa_executions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  dpa_version_id uuid NOT NULL REFERENCES dpa_versions (id),
  customer_legal_name text NOT NULL CHECK (length(customer_legal_name) BETWEEN 1 AND 200),
  signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
  signer_title text NOT NULL CHECK (length(signer_title) BETWEEN 1 AND 200),
  signer_email text NOT NULL,
  executed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  executed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, dpa_version_id)
);
CREATE INDEX dpa_executions_tenant_idx ON dpa_executions (tenant_id, executed_at DESC);

ALTER TABLE dpa_draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE dpa_draft FORCE ROW LEVEL SECURITY;
ALTER TABLE dpa_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE dpa_versions FORCE ROW LEVEL SECURITY;
ALTER TABLE dpa_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE dpa_executions FORCE ROW LEVEL SECURITY;

-- The draft is the trust admins' work in progress.
GRANT SELECT, INSERT, UPDATE ON dpa_draft TO trust_app;
CREATE POLICY dpa_draft_admin ON dpa_draft FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

-- Published versions are the public template: anyone reads them; trust admins publish; no
-- one changes or removes a published version.
GRANT SELECT, INSERT ON dpa_versions TO trust_app;
CREATE POLICY dpa_versions_read ON dpa_versions FOR SELECT TO trust_app USING (true);
CREATE POLICY dpa_versions_publish ON dpa_versions FOR INSERT TO trust_app WITH CHECK (app_is_trust_admin());

-- Executions: the tenant's own users read theirs; the vendor's trust admins read all (they
-- must know who signed what); only an active customer admin of the tenant executes, for
-- that tenant. No one changes or removes an execution.
GRANT SELECT, INSERT ON dpa_executions TO trust_app;
CREATE POLICY dpa_executions_read ON dpa_executions FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id()) OR app_is_trust_admin()
);
CREATE POLICY dpa_executions_execute ON dpa_executions FOR INSERT TO trust_app WITH CHECK (
  tenant_id = app_tenant_id() AND app_customer_role() = 'customer_admin' AND executed_by = app_actor_id()
  AND customer_legal_name = (SELECT t.legal_name FROM tenants t WHERE t.id = tenant_id)
);

-- The DPA is one document of the portal's list (/documents/dpa.pdf), made when the first
-- version is published.
CREATE UNIQUE INDEX documents_one_dpa ON documents (generator) WHERE generator = 'dpa';

-- A generated document has no uploaded versions: its PDF is rendered from its data.
DROP POLICY document_versions_admin ON document_versions;
CREATE POLICY document_versions_admin ON document_versions FOR INSERT TO trust_app WITH CHECK (
  app_is_trust_admin()
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.generator IS NOT NULL)
);
