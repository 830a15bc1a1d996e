-- The public trust portal and the staff tools that keep it current: settings, security
-- overview, certifications, documents, NDA and access requests, sub-processors with their
-- scheduled changes, subscribers, news, the mail outbox and rate limits. Runs as trust_owner.
--
-- This is the vendor's own content, not a tenant's: no row here has a tenant_id. RLS still
-- decides who may do what:
--   * anonymous (the public portal) reads what is published and files forms;
--   * staff read it, and only an active trust_admin (checked in the database by
--     app_is_trust_admin()) changes it;
--   * 'system' is the portal's own automatic work: auto-approval rules, sign-in links,
--     mail delivery, reminders and rate limits. It never reaches tenant tables.

CREATE OR REPLACE FUNCTION app_actor_kind() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN current_setting('app.actor_kind', true) IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system')
    THEN current_setting('app.actor_kind', true)
  END
$$;

-- The acting staff member's role, read from users by a function that may see them: a staff
-- actor's role is whatever the database holds now, not what the application believes.
CREATE POLICY users_owner_select ON users FOR SELECT TO trust_owner USING (true);

CREATE FUNCTION app_staff_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.role FROM users u
  WHERE app_actor_kind() = 'staff' AND u.id = app_actor_id()
    AND u.kind = 'staff' AND u.status = 'active' AND u.deprovisioned_at IS NULL
$$;
CREATE FUNCTION app_is_trust_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT coalesce(app_staff_role() = 'trust_admin', false) $$;
REVOKE ALL ON FUNCTION app_staff_role(), app_is_trust_admin() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_staff_role(), app_is_trust_admin() TO trust_app;

-- One row: the vendor's name and logo, the portal's texts and the security.txt fields.
CREATE TABLE portal_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  vendor_name text NOT NULL CHECK (length(vendor_name) BETWEEN 1 AND 100),
  tagline text NOT NULL DEFAULT '' CHECK (length(tagline) <= 300),
  overview text NOT NULL DEFAULT '' CHECK (length(overview) <= 4000),
  logo bytea CHECK (octet_length(logo) <= 262144),
  logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp')),
  status_page_url text CHECK (status_page_url ~ '^https?://'),
  security_contact text NOT NULL CHECK (security_contact ~ '^(mailto:|https://)'),
  security_txt_expires_at timestamptz NOT NULL,
  preferred_languages text NOT NULL DEFAULT 'en',
  disclosure_policy text NOT NULL DEFAULT '' CHECK (length(disclosure_policy) <= 20000),
  access_grant_days integer NOT NULL DEFAULT 7 CHECK (access_grant_days BETWEEN 1 AND 90),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK ((logo IS NULL) = (logo_type IS NULL))
);

-- The security overview: blocks of text the staff edit (encryption, access control, ...).
CREATE TABLE security_blocks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  position integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  visibility text NOT NULL CHECK (visibility IN ('public', 'nda', 'restricted')),
  valid_until date,
  validity_reminded_at timestamptz,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE document_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  size integer NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (document_id, version)
);

CREATE TABLE certifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  framework text NOT NULL CHECK (length(framework) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'audit_window', 'attested', 'expired')),
  period_start date,
  period_end date,
  target_date date,
  report_document_id uuid REFERENCES documents (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
);

-- Every change to a certification: who, when, and the fields before and after.
CREATE TABLE certification_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  certification_id uuid NOT NULL REFERENCES certifications (id) ON DELETE CASCADE,
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  changed_by_name text NOT NULL,
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX certification_history_certification_idx ON certification_history (certification_id, changed_at DESC);

-- News the staff post on the updates page and in the Atom feed.
CREATE TABLE portal_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  published_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX portal_updates_published_idx ON portal_updates (published_at DESC);

-- Sub-processors. A sub-processor is its identity; what it is at any moment is the latest
-- announced, uncancelled change whose effective time has come. So a change takes effect
-- by itself at its effective time, with nothing to run.
CREATE TABLE subprocessors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Changes announced together (one mail per subscriber, one feed entry each).
CREATE TABLE subprocessor_announcements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  announced_at timestamptz NOT NULL DEFAULT now(),
  announced_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE subprocessor_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subprocessor_id uuid NOT NULL REFERENCES subprocessors (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('add', 'update', 'remove')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  data_categories text[] NOT NULL,
  locations text[] NOT NULL CHECK (cardinality(locations) >= 1),
  transfer_mechanism text NOT NULL CHECK (length(transfer_mechanism) BETWEEN 1 AND 200),
  website text NOT NULL CHECK (website ~ '^https?://'),
  processes_customer_records boolean NOT NULL,
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  effective_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  announcement_id uuid REFERENCES subprocessor_announcements (id),
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX subprocessor_changes_subprocessor_idx ON subprocessor_changes (subprocessor_id, effective_at);
CREATE INDEX subprocessor_changes_announcement_idx ON subprocessor_changes (announcement_id);

-- Subscribers to sub-processor changes: double opt-in. Only token hashes are stored.
CREATE TABLE subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
  confirm_token_hash text UNIQUE CHECK (confirm_token_hash ~ '^[0-9a-f]{64}$'),
  unsubscribe_token_hash text NOT NULL UNIQUE CHECK (unsubscribe_token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmation_sent_at timestamptz,
  confirmed_at timestamptz,
  unsubscribed_at timestamptz
);

-- The NDA reviewers accept; every version is kept, so earlier acceptances stay valid.
CREATE TABLE nda_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version integer NOT NULL UNIQUE CHECK (version >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE nda_acceptances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  nda_version_id uuid NOT NULL REFERENCES nda_versions (id),
  nda_sha256 text NOT NULL CHECK (nda_sha256 ~ '^[0-9a-f]{64}$'),
  typed_name text NOT NULL CHECK (length(typed_name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
  accepted_at timestamptz NOT NULL DEFAULT now(),
  ip text,
  user_agent text CHECK (length(user_agent) <= 1000)
);

-- Rules by e-mail domain for access requests: approve, send to review, or deny; a domain
-- with a signed mutual NDA skips the click-through.
CREATE TABLE access_domain_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  domain text NOT NULL UNIQUE CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  decision text NOT NULL CHECK (decision IN ('approve', 'review', 'deny')),
  mutual_nda boolean NOT NULL DEFAULT false,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  company text NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
  nda_acceptance_id uuid REFERENCES nda_acceptances (id),
  -- Set when a rule, not a person, decided: 'tenant_domain', 'domain_rule', 'free_mail'.
  decided_by_rule text CHECK (decided_by_rule IN ('tenant_domain', 'domain_rule', 'free_mail')),
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  decision_note text NOT NULL DEFAULT '' CHECK (length(decision_note) <= 2000),
  ip text,
  user_agent text CHECK (length(user_agent) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX access_requests_status_idx ON access_requests (status, created_at);

CREATE TABLE access_request_documents (
  access_request_id uuid NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (access_request_id, document_id)
);

-- What an approval hands out: a sign-in link (only its hash kept) to the request's documents.
CREATE TABLE access_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  access_request_id uuid NOT NULL UNIQUE REFERENCES access_requests (id) ON DELETE CASCADE,
  email text NOT NULL,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  last_used_at timestamptz,
  CHECK (expires_at > created_at)
);

-- The server's own record of downloads: the analytics of the dashboard, no tracker needed.
CREATE TABLE document_downloads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  document_version_id uuid REFERENCES document_versions (id) ON DELETE SET NULL,
  access_grant_id uuid REFERENCES access_grants (id) ON DELETE SET NULL,
  downloaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_downloads_time_idx ON document_downloads (downloaded_at);

-- Every mail the portal sends goes through here: delivered by SMTP when configured (and
-- retried), otherwise kept for the trust admins to read in the admin console.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
  to_address text NOT NULL CHECK (to_address LIKE '%_@_%'),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  text_body text NOT NULL,
  html_body text,
  attachment_name text,
  attachment bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz,
  last_error text,
  CHECK ((attachment IS NULL) = (attachment_name IS NULL))
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);

-- Fixed-window counters for public forms, in the database so every app instance shares them.
CREATE TABLE rate_limits (
  bucket text NOT NULL CHECK (length(bucket) BETWEEN 1 AND 200),
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Row-level security. Every table is forced; trust_app gets only what the policies allow.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['portal_settings', 'security_blocks', 'documents', 'document_versions',
    'certifications', 'certification_history', 'portal_updates', 'subprocessors',
    'subprocessor_announcements', 'subprocessor_changes', 'subscribers', 'nda_versions',
    'nda_acceptances', 'access_domain_rules', 'access_requests', 'access_request_documents',
    'access_grants', 'document_downloads', 'mail_outbox', 'rate_limits']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;

-- Published content: everyone reads it; trust admins change it.
GRANT SELECT, INSERT, UPDATE, DELETE ON portal_settings, security_blocks, documents, certifications,
  portal_updates, subprocessors, subprocessor_announcements, subprocessor_changes, nda_versions,
  access_domain_rules TO trust_app;
GRANT SELECT, INSERT ON certification_history, document_versions TO trust_app;

CREATE POLICY portal_settings_read ON portal_settings FOR SELECT TO trust_app USING (true);
CREATE POLICY portal_settings_admin ON portal_settings FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

CREATE POLICY security_blocks_read ON security_blocks FOR SELECT TO trust_app USING (true);
CREATE POLICY security_blocks_admin ON security_blocks FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

CREATE POLICY certifications_read ON certifications FOR SELECT TO trust_app USING (true);
CREATE POLICY certifications_admin ON certifications FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

CREATE POLICY certification_history_read ON certification_history FOR SELECT TO trust_app USING (true);
CREATE POLICY certification_history_admin ON certification_history FOR INSERT TO trust_app
  WITH CHECK (app_is_trust_admin());

CREATE POLICY portal_updates_read ON portal_updates FOR SELECT TO trust_app
  USING (published_at <= now() OR app_is_trust_admin());
CREATE POLICY portal_updates_admin ON portal_updates FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

-- Documents: the list (titles, categories) is public unless archived; a version's content is
-- readable directly only for public documents. Gated content leaves the database only
-- through gated_document_content() below, which checks the grant.
CREATE POLICY documents_read ON documents FOR SELECT TO trust_app
  USING (archived_at IS NULL OR app_is_trust_admin() OR app_actor_kind() = 'system');
CREATE POLICY documents_admin ON documents FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());
CREATE POLICY documents_system_remind ON documents FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'system') WITH CHECK (app_actor_kind() = 'system');

CREATE POLICY document_versions_read ON document_versions FOR SELECT TO trust_app USING (
  app_is_trust_admin()
  OR EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.visibility = 'public' AND d.archived_at IS NULL)
);
CREATE POLICY document_versions_admin ON document_versions FOR INSERT TO trust_app
  WITH CHECK (app_is_trust_admin());

-- Sub-processors: the public sees announced, uncancelled changes; trust admins see drafts too.
CREATE POLICY subprocessors_read ON subprocessors FOR SELECT TO trust_app USING (true);
CREATE POLICY subprocessors_admin ON subprocessors FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());
CREATE POLICY subprocessor_announcements_read ON subprocessor_announcements FOR SELECT TO trust_app USING (true);
CREATE POLICY subprocessor_announcements_admin ON subprocessor_announcements FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());
CREATE POLICY subprocessor_changes_read ON subprocessor_changes FOR SELECT TO trust_app
  USING ((announcement_id IS NOT NULL AND cancelled_at IS NULL) OR app_is_trust_admin() OR app_actor_kind() = 'system');
CREATE POLICY subprocessor_changes_admin ON subprocessor_changes FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

CREATE POLICY nda_versions_read ON nda_versions FOR SELECT TO trust_app USING (true);
CREATE POLICY nda_versions_admin ON nda_versions FOR INSERT TO trust_app WITH CHECK (app_is_trust_admin());

CREATE POLICY access_domain_rules_read ON access_domain_rules FOR SELECT TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system');
CREATE POLICY access_domain_rules_admin ON access_domain_rules FOR ALL TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

-- Reviewer data (names, e-mails, requests): filed by the public, read only by trust admins
-- and the portal's automatic work. A visitor cannot read back what anyone else filed.
GRANT SELECT, INSERT, UPDATE, DELETE ON subscribers TO trust_app;
CREATE POLICY subscribers_subscribe ON subscribers FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system') AND status = 'pending');
CREATE POLICY subscribers_manage ON subscribers FOR ALL TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system')
  WITH CHECK (app_is_trust_admin() OR app_actor_kind() = 'system');

GRANT SELECT, INSERT ON nda_acceptances TO trust_app;
CREATE POLICY nda_acceptances_file ON nda_acceptances FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system'));
CREATE POLICY nda_acceptances_read ON nda_acceptances FOR SELECT TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system');

GRANT SELECT, INSERT, UPDATE ON access_requests TO trust_app;
CREATE POLICY access_requests_file ON access_requests FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system') AND status = 'pending');
CREATE POLICY access_requests_manage ON access_requests FOR ALL TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system')
  WITH CHECK (app_is_trust_admin() OR app_actor_kind() = 'system');

GRANT SELECT, INSERT ON access_request_documents TO trust_app;
CREATE POLICY access_request_documents_file ON access_request_documents FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system'));
CREATE POLICY access_request_documents_read ON access_request_documents FOR SELECT TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system');

GRANT SELECT, INSERT, UPDATE ON access_grants TO trust_app;
CREATE POLICY access_grants_manage ON access_grants FOR ALL TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system')
  WITH CHECK (app_is_trust_admin() OR app_actor_kind() = 'system');

GRANT SELECT, INSERT ON document_downloads TO trust_app;
CREATE POLICY document_downloads_record ON document_downloads FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system', 'staff', 'customer'));
CREATE POLICY document_downloads_read ON document_downloads FOR SELECT TO trust_app
  USING (app_is_trust_admin());

GRANT SELECT, INSERT, UPDATE ON mail_outbox TO trust_app;
CREATE POLICY mail_outbox_queue ON mail_outbox FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system', 'staff'));
CREATE POLICY mail_outbox_read ON mail_outbox FOR SELECT TO trust_app
  USING (app_is_trust_admin() OR app_actor_kind() = 'system');
CREATE POLICY mail_outbox_deliver ON mail_outbox FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'system') WITH CHECK (app_actor_kind() = 'system');

GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO trust_app;
CREATE POLICY rate_limits_count ON rate_limits FOR ALL TO trust_app
  USING (app_actor_kind() = 'system') WITH CHECK (app_actor_kind() = 'system');

-- A gated document's current content, for the holder of a valid grant that covers it:
-- unrevoked, unexpired, and listing the document. The only way gated bytes leave the table.
CREATE POLICY documents_owner_select ON documents FOR SELECT TO trust_owner USING (true);
CREATE POLICY document_versions_owner_select ON document_versions FOR SELECT TO trust_owner USING (true);
CREATE POLICY access_grants_owner_select ON access_grants FOR SELECT TO trust_owner USING (true);
CREATE POLICY access_request_documents_owner_select ON access_request_documents FOR SELECT TO trust_owner USING (true);

CREATE FUNCTION gated_document_content(grant_token_hash text, document_slug text)
RETURNS TABLE (grant_id uuid, document_id uuid, version_id uuid, filename text, sha256 text, content bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT g.id, d.id, v.id, v.filename, v.sha256, v.content
  FROM access_grants g
  JOIN access_request_documents r ON r.access_request_id = g.access_request_id
  JOIN documents d ON d.id = r.document_id
  JOIN LATERAL (
    SELECT * FROM document_versions dv WHERE dv.document_id = d.id ORDER BY dv.version DESC LIMIT 1
  ) v ON true
  WHERE g.token_hash = grant_token_hash AND d.slug = document_slug
    AND g.revoked_at IS NULL AND g.expires_at > now() AND d.archived_at IS NULL
    AND d.visibility IN ('nda', 'restricted')
$$;
REVOKE ALL ON FUNCTION gated_document_content(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gated_document_content(text, text) TO trust_app;
