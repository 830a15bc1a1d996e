-- Security questionnaires (CAIQ-Lite and SIG-Lite style): built-in question sets whose answers
-- the trust admins keep current. Each questionnaire is a generated document (its PDF is
-- rendered from these rows), so the documents list decides who may download it: a public
-- one for anyone, a gated one with an access grant. Runs as trust_owner.

-- A questionnaire's document must be a generated questionnaire: the composite key makes the
-- database hold that, and keeps the document's generator from changing under it.
ALTER TABLE documents ADD CONSTRAINT documents_id_generator_key UNIQUE (id, generator);

CREATE TABLE questionnaires (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug IN ('caiq-lite', 'sig-lite')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  document_id uuid NOT NULL UNIQUE,
  document_generator text NOT NULL DEFAULT 'questionnaire' CHECK (document_generator = 'questionnaire'),
  -- When an answer, comment or evidence link last changed: the date on the PDF's cover.
  answers_changed_at timestamptz NOT NULL DEFAULT now(),
  answers_changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  FOREIGN KEY (document_id, document_generator) REFERENCES documents (id, generator) ON UPDATE RESTRICT ON DELETE RESTRICT
);

CREATE TABLE questionnaire_questions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  questionnaire_id uuid NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
  section text NOT NULL CHECK (length(section) BETWEEN 1 AND 120),
  question_id text NOT NULL CHECK (question_id ~ '^[A-Z]{2,5}-[0-9]{2,3}$'),
  position integer NOT NULL CHECK (position >= 1),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
  -- NULL: not answered yet.
  answer text CHECK (answer IN ('yes', 'no', 'na')),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  evidence_document_id uuid REFERENCES documents (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (questionnaire_id, question_id),
  UNIQUE (questionnaire_id, position)
);
CREATE INDEX questionnaire_questions_evidence_idx ON questionnaire_questions (evidence_document_id);

ALTER TABLE questionnaires ENABLE ROW LEVEL SECURITY;
ALTER TABLE questionnaires FORCE ROW LEVEL SECURITY;
ALTER TABLE questionnaire_questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE questionnaire_questions FORCE ROW LEVEL SECURITY;

-- The question sets are built in (the seed loads them): the application may change answers,
-- comments and evidence, never the questions, and may neither add nor remove any.
GRANT SELECT ON questionnaires, questionnaire_questions TO trust_app;
GRANT UPDATE (answers_changed_at, answers_changed_by) ON questionnaires TO trust_app;
GRANT UPDATE (answer, comment, evidence_document_id, updated_at, updated_by) ON questionnaire_questions TO trust_app;

-- Who reads: trust admins; the portal's automatic work ('system', which renders a gated copy
-- only after gated_document_access() accepted the grant); anyone while the questionnaire's
-- document is public and not archived (the documents policy hides archived ones).
CREATE POLICY questionnaires_read ON questionnaires FOR SELECT TO trust_app USING (
  app_is_trust_admin() OR app_actor_kind() = 'system'
  OR EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.visibility = 'public' AND d.archived_at IS NULL)
);
CREATE POLICY questionnaires_admin ON questionnaires FOR UPDATE TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());

CREATE POLICY questionnaire_questions_read ON questionnaire_questions FOR SELECT TO trust_app USING (
  app_is_trust_admin() OR app_actor_kind() = 'system'
  OR EXISTS (
    SELECT 1 FROM questionnaires q JOIN documents d ON d.id = q.document_id
    WHERE q.id = questionnaire_id AND d.visibility = 'public' AND d.archived_at IS NULL
  )
);
CREATE POLICY questionnaire_questions_admin ON questionnaire_questions FOR UPDATE TO trust_app
  USING (app_is_trust_admin()) WITH CHECK (app_is_trust_admin());
