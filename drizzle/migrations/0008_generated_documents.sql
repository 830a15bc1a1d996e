-- Documents generated from live data (the DPA, the security questionnaires) sit in the same
-- list as uploaded ones, so visibility, access requests, grants and download analytics work
-- the same for both. A generated document has no uploaded versions: its PDF is rendered from
-- the data its generator names. Runs as trust_owner.
ALTER TABLE documents ADD COLUMN generator text CHECK (generator IN ('dpa', 'questionnaire'));

-- What a granted download needs: the grant, whom it was issued to (every copy is stamped with
-- it) and, for an uploaded document, its current version. Replaces gated_document_content().
DROP FUNCTION gated_document_content(text, text);
CREATE FUNCTION gated_document_access(grant_token_hash text, document_slug text)
RETURNS TABLE (
  grant_id uuid,
  recipient_email text,
  recipient_company text,
  document_id uuid,
  title text,
  generator text,
  version_id uuid,
  filename text,
  sha256 text,
  content bytea
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT g.id, g.email, q.company, d.id, d.title, d.generator, v.id, v.filename, v.sha256, v.content
  FROM access_grants g
  JOIN access_requests q ON q.id = g.access_request_id
  JOIN access_request_documents r ON r.access_request_id = g.access_request_id
  JOIN documents d ON d.id = r.document_id
  LEFT JOIN LATERAL (
    SELECT * FROM document_versions dv WHERE dv.document_id = d.id ORDER BY dv.version DESC LIMIT 1
  ) v ON true
  WHERE g.token_hash = grant_token_hash AND d.slug = document_slug
    AND g.revoked_at IS NULL AND g.expires_at > now() AND d.archived_at IS NULL
    AND d.visibility IN ('nda', 'restricted')
    AND (d.generator IS NOT NULL OR v.id IS NOT NULL)
$$;
REVOKE ALL ON FUNCTION gated_document_access(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gated_document_access(text, text) TO trust_app;
