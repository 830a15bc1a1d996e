-- Tightening after review: each actor sees and changes exactly what its work needs.
-- Runs as trust_owner.

-- A sub-processor's identity is public only once one of its changes is announced (RLS on
-- subprocessor_changes decides which changes the actor sees): drafts do not leak their slug.
DROP POLICY subprocessors_read ON subprocessors;
CREATE POLICY subprocessors_read ON subprocessors FOR SELECT TO trust_app USING (
  app_is_trust_admin() OR app_actor_kind() = 'system'
  OR EXISTS (SELECT 1 FROM subprocessor_changes c WHERE c.subprocessor_id = subprocessors.id)
);

-- The certification history names staff: trust admins read it, the public sees the result.
DROP POLICY certification_history_read ON certification_history;
CREATE POLICY certification_history_read ON certification_history FOR SELECT TO trust_app USING (app_is_trust_admin());

-- Documents can be attached to a request only while it waits for a decision, so nothing can
-- widen what an approval granted.
CREATE FUNCTION app_access_request_is_pending(request uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM access_requests WHERE id = request AND status = 'pending')
$$;
REVOKE ALL ON FUNCTION app_access_request_is_pending(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_access_request_is_pending(uuid) TO trust_app;
CREATE POLICY access_requests_owner_select ON access_requests FOR SELECT TO trust_owner USING (true);
DROP POLICY access_request_documents_file ON access_request_documents;
CREATE POLICY access_request_documents_file ON access_request_documents FOR INSERT TO trust_app
  WITH CHECK (app_actor_kind() IN ('anonymous', 'system') AND app_access_request_is_pending(access_request_id));

-- The portal's automatic work may mark validity reminders on documents and change nothing else.
CREATE FUNCTION documents_system_update_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF app_actor_kind() = 'system'
     AND (to_jsonb(NEW) - 'validity_reminded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'validity_reminded_at') THEN
    RAISE EXCEPTION 'the portal''s automatic work may only mark validity reminders' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER documents_system_update_guard BEFORE UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_system_update_guard();

-- The trust admins' addresses are for the portal's notices only.
CREATE OR REPLACE FUNCTION app_trust_admin_emails() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT email FROM users
  WHERE app_actor_kind() = 'system'
    AND kind = 'staff' AND role = 'trust_admin' AND status = 'active' AND deprovisioned_at IS NULL
  ORDER BY email
$$;

-- Definer functions never resolve names through a temporary schema.
ALTER FUNCTION app_staff_role() SET search_path = public, pg_temp;
ALTER FUNCTION gated_document_content(text, text) SET search_path = public, pg_temp;
