-- What the application role could still do with any actor context, closed here: the database
-- is the last line of defence when trust_app itself is in the wrong hands.

-- 1. Checkpoints and signing keys belong to trust_signer. trust_app keeps reading them (exports,
-- the published key set) and can no longer record a checkpoint or list a key.
REVOKE EXECUTE ON FUNCTION record_governance_checkpoint(uuid, bigint, text, text, text) FROM trust_app;
GRANT EXECUTE ON FUNCTION record_governance_checkpoint(uuid, bigint, text, text, text) TO trust_signer;
REVOKE INSERT ON governance_signing_keys FROM trust_app;
DROP POLICY governance_signing_keys_register ON governance_signing_keys;
GRANT SELECT, INSERT ON governance_signing_keys TO trust_signer;
CREATE POLICY governance_signing_keys_signer_read ON governance_signing_keys FOR SELECT TO trust_signer USING (true);
CREATE POLICY governance_signing_keys_signer_register ON governance_signing_keys FOR INSERT TO trust_signer WITH CHECK (true);
-- The signer reads chain heads and earlier checkpoints to know what to sign; nothing else.
GRANT SELECT ON governance_chain_heads, governance_checkpoints TO trust_signer;
CREATE POLICY governance_chain_heads_signer ON governance_chain_heads FOR SELECT TO trust_signer USING (true);
CREATE POLICY governance_checkpoints_signer ON governance_checkpoints FOR SELECT TO trust_signer USING (true);

-- 2. Lockbox notifications. The function used to take its audience, link and URL from the
-- caller, so any actor (a customer member included) could send a tenant's admins a notice and
-- a mail with any text and any link. Now each kind of notice has a fixed audience and a link
-- built from a fixed path, and the actor must be the one who made the step it reports, on a
-- subject that exists in the tenant acted on. The mail names the path; delivery puts the
-- deployment's own address in front of it (APP_URL), which the database never takes from a caller.
ALTER TABLE mail_outbox ADD COLUMN link_path text CHECK (link_path ~ '^/[a-z0-9/_-]*$');
-- A staff link names the tenant by its slug.
CREATE POLICY tenants_owner_select ON tenants FOR SELECT TO trust_owner USING (true);

DROP FUNCTION notify_lockbox(text, uuid, text, text, text, text, text);
CREATE FUNCTION notify_lockbox(p_kind text, p_subject uuid, p_title text, p_body text)
RETURNS TABLE (email text, name text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := app_tenant_id();
  actor uuid := app_actor_id();
  is_staff boolean := app_actor_kind() = 'staff' AND app_staff_role() IS NOT NULL;
  is_admin boolean := app_actor_kind() = 'customer' AND app_customer_role() = 'customer_admin';
  r lockbox_requests;
  s break_glass_sessions;
  slug text;
  audience text;
  link text;
  allowed boolean := false;
BEGIN
  IF p_kind IN ('lockbox_requested', 'lockbox_second_approval', 'lockbox_approved', 'lockbox_denied', 'lockbox_revoked',
                'lockbox_request_expired', 'lockbox_grant_expired') THEN
    -- The portal's own sweeps ('system') act on every tenant at once.
    SELECT * INTO r FROM lockbox_requests x
    WHERE x.id = p_subject AND (x.tenant_id = tenant OR (tenant IS NULL AND app_actor_kind() = 'system'));
    IF FOUND THEN
      SELECT t.slug INTO slug FROM tenants t WHERE t.id = r.tenant_id;
      allowed := CASE p_kind
        WHEN 'lockbox_requested' THEN is_staff AND r.requested_by = actor AND r.status = 'pending'
        WHEN 'lockbox_second_approval' THEN is_admin AND r.status = 'pending'
          AND EXISTS (SELECT 1 FROM lockbox_approvals a WHERE a.request_id = r.id AND a.approver_id = actor)
        WHEN 'lockbox_approved' THEN is_admin AND r.status = 'approved' AND r.decided_by = actor
        WHEN 'lockbox_denied' THEN is_admin AND r.status = 'denied' AND r.decided_by = actor
        WHEN 'lockbox_revoked' THEN is_admin AND r.status = 'revoked' AND r.revoked_by = actor
        ELSE app_actor_kind() = 'system' AND r.status = 'expired'
      END;
      audience := CASE WHEN p_kind IN ('lockbox_requested', 'lockbox_second_approval') THEN 'tenant_admins' ELSE 'requester' END;
      link := CASE p_kind
        WHEN 'lockbox_requested' THEN '/console/lockbox'
        WHEN 'lockbox_second_approval' THEN '/console/lockbox'
        WHEN 'lockbox_approved' THEN '/admin/tenants/' || slug || '/data'
        WHEN 'lockbox_denied' THEN '/admin/tenants/' || slug
        WHEN 'lockbox_revoked' THEN '/admin/tenants/' || slug
        ELSE '/admin/lockbox'
      END;
    END IF;
  ELSIF p_kind IN ('break_glass_invoked', 'break_glass_review_needed') THEN
    SELECT * INTO s FROM break_glass_sessions x
    WHERE x.id = p_subject AND (x.tenant_id = tenant OR (tenant IS NULL AND app_actor_kind() = 'system'));
    IF FOUND THEN
      allowed := CASE p_kind
        WHEN 'break_glass_invoked' THEN is_staff AND s.invoked_by = actor AND s.ended_at IS NULL
        ELSE (is_staff AND s.invoked_by = actor) OR (app_actor_kind() = 'system' AND s.closed_at IS NOT NULL)
      END;
      audience := CASE p_kind WHEN 'break_glass_invoked' THEN 'tenant_admins' ELSE 'other_holders' END;
      link := CASE p_kind WHEN 'break_glass_invoked' THEN '/console/lockbox' ELSE '/admin/break-glass' END;
    END IF;
  ELSE
    RAISE EXCEPTION 'unknown notice %', p_kind USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT coalesce(allowed, false) THEN
    RAISE EXCEPTION 'the actor did not make the step this notice reports' USING ERRCODE = 'insufficient_privilege';
  END IF;

  RETURN QUERY
  WITH people AS (
    SELECT u.id, u.email, u.name FROM users u
    WHERE u.status = 'active' AND u.deprovisioned_at IS NULL AND u.id IS DISTINCT FROM actor AND (
      (audience = 'tenant_admins' AND u.kind = 'customer' AND u.role = 'customer_admin'
        AND u.tenant_id = coalesce(r.tenant_id, s.tenant_id))
      OR (audience = 'requester' AND u.id = r.requested_by)
      OR (audience = 'other_holders' AND u.kind = 'staff' AND u.role = 'break_glass'
            AND u.id IN (SELECT h.user_id FROM break_glass_holders h) AND u.id <> s.invoked_by)
    )
  ), noticed AS (
    INSERT INTO notifications (user_id, kind, title, body, link, created_at)
    SELECT p.id, p_kind, p_title, p_body, link, app_now() FROM people p
    RETURNING user_id
  ), mailed AS (
    INSERT INTO mail_outbox (kind, to_address, subject, text_body, link_path)
    SELECT p_kind, p.email, left(p_title, 300), 'Hello ' || p.name || E',\n\n' || p_body, link
    FROM people p WHERE p.id IN (SELECT user_id FROM noticed)
  )
  -- No RETURNING from the outbox: its policies let the owner queue mail, never read it.
  SELECT p.email, p.name FROM people p WHERE p.id IN (SELECT user_id FROM noticed);
END $$;
REVOKE ALL ON FUNCTION notify_lockbox(text, uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION notify_lockbox(text, uuid, text, text) TO trust_app;

-- 3. Which kind of actor records which kind of event: the catalog (lib/governance/kinds.ts, whose
-- list a test compares with this table). append_governance_event() refuses anything else, so the
-- portal's own machinery ('system', 'governance'), which may append to any chain, can still write
-- only the events it makes. A new kind or actor comes with a migration that adds its rows.
CREATE TABLE governance_event_kinds (
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+(\.[a-z_]+)+$'),
  actor_kind text NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system', 'governance')),
  PRIMARY KEY (kind, actor_kind)
);
ALTER TABLE governance_event_kinds ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_event_kinds FORCE ROW LEVEL SECURITY;
GRANT SELECT ON governance_event_kinds TO trust_app;
CREATE POLICY governance_event_kinds_read ON governance_event_kinds FOR SELECT TO trust_app USING (true);
CREATE POLICY governance_event_kinds_owner ON governance_event_kinds FOR ALL TO trust_owner USING (true) WITH CHECK (true);

INSERT INTO governance_event_kinds (kind, actor_kind) VALUES
  ('auth.signed_in', 'auth'),
  ('auth.signed_in', 'system'),
  ('auth.sign_in_failed', 'auth'),
  ('auth.sign_in_failed', 'system'),
  ('auth.signed_out', 'auth'),
  ('auth.user_provisioned', 'auth'),
  ('auth.refused', 'customer'),
  ('auth.refused', 'staff'),
  ('auth.refused', 'anonymous'),
  ('identity.role_changed', 'directory'),
  ('identity.role_changed', 'vendor_directory'),
  ('identity.mapping_added', 'customer'),
  ('identity.mapping_added', 'staff'),
  ('identity.mapping_removed', 'customer'),
  ('identity.mapping_removed', 'staff'),
  ('identity.jit_provisioning_changed', 'customer'),
  ('directory.user_created', 'directory'),
  ('directory.user_created', 'vendor_directory'),
  ('directory.user_updated', 'directory'),
  ('directory.user_updated', 'vendor_directory'),
  ('directory.user_deprovisioned', 'directory'),
  ('directory.user_deprovisioned', 'vendor_directory'),
  ('directory.user_reactivated', 'directory'),
  ('directory.user_reactivated', 'vendor_directory'),
  ('directory.user_refused', 'directory'),
  ('directory.user_refused', 'vendor_directory'),
  ('directory.group_created', 'directory'),
  ('directory.group_created', 'vendor_directory'),
  ('directory.group_renamed', 'directory'),
  ('directory.group_renamed', 'vendor_directory'),
  ('directory.group_deleted', 'directory'),
  ('directory.group_deleted', 'vendor_directory'),
  ('directory.member_added', 'directory'),
  ('directory.member_added', 'vendor_directory'),
  ('directory.member_removed', 'directory'),
  ('directory.member_removed', 'vendor_directory'),
  ('directory.deleted', 'directory'),
  ('directory.deleted', 'vendor_directory'),
  ('lockbox.requested', 'staff'),
  ('lockbox.approval_recorded', 'customer'),
  ('lockbox.approved', 'customer'),
  ('lockbox.denied', 'customer'),
  ('lockbox.request_expired', 'system'),
  ('lockbox.revoked', 'customer'),
  ('lockbox.grant_expired', 'system'),
  ('lockbox.settings_changed', 'customer'),
  ('support.tenant_data_read', 'staff'),
  ('support.break_glass_data_read', 'staff'),
  ('support.tenant_record_updated', 'staff'),
  ('support.break_glass_invoked', 'staff'),
  ('support.break_glass_ended', 'staff'),
  ('support.break_glass_ended', 'system'),
  ('support.break_glass_reviewed', 'staff'),
  ('support.break_glass_holders_changed', 'staff'),
  ('content.certification_created', 'staff'),
  ('content.certification_updated', 'staff'),
  ('content.security_block_created', 'staff'),
  ('content.security_block_updated', 'staff'),
  ('content.security_block_deleted', 'staff'),
  ('content.security_blocks_reordered', 'staff'),
  ('content.update_created', 'staff'),
  ('content.update_edited', 'staff'),
  ('content.update_deleted', 'staff'),
  ('content.settings_updated', 'staff'),
  ('content.security_txt_updated', 'staff'),
  ('content.logo_changed', 'staff'),
  ('content.document_created', 'staff'),
  ('content.document_updated', 'staff'),
  ('content.document_archived', 'staff'),
  ('content.document_restored', 'staff'),
  ('content.document_version_uploaded', 'staff'),
  ('content.document_version_downloaded', 'staff'),
  ('content.dpa_draft_saved', 'staff'),
  ('content.dpa_published', 'staff'),
  ('content.nda_published', 'staff'),
  ('content.questionnaire_answers_updated', 'staff'),
  ('content.questionnaire_exported', 'staff'),
  ('content.subprocessor_change_scheduled', 'staff'),
  ('content.subprocessor_changes_announced', 'staff'),
  ('content.subprocessor_change_cancelled', 'staff'),
  ('access.requested', 'anonymous'),
  ('access.nda_accepted', 'anonymous'),
  ('access.approved', 'staff'),
  ('access.denied', 'staff'),
  ('access.auto_approved', 'system'),
  ('access.auto_denied', 'system'),
  ('access.grant_created', 'staff'),
  ('access.grant_created', 'system'),
  ('access.grant_revoked', 'staff'),
  ('access.grant_expired', 'system'),
  ('access.rule_added', 'staff'),
  ('access.rule_removed', 'staff'),
  ('access.document_downloaded', 'system'),
  ('dpa.executed', 'customer'),
  ('dpa.downloaded', 'customer'),
  ('privacy.data_exported', 'customer'),
  ('privacy.data_exported', 'staff'),
  ('privacy.account_deleted', 'customer'),
  ('governance.log_exported', 'customer'),
  ('governance.log_exported', 'staff'),
  ('governance.log_exported', 'governance'),
  ('governance.forwarding_added', 'customer'),
  ('governance.forwarding_added', 'staff'),
  ('governance.forwarding_removed', 'customer'),
  ('governance.forwarding_removed', 'staff'),
  ('governance.forwarding_rotated', 'customer'),
  ('governance.forwarding_rotated', 'staff'),
  ('governance.forwarding_disabled', 'governance'),
  ('governance.forwarding_enabled', 'customer'),
  ('governance.forwarding_enabled', 'staff'),
  ('governance.checkpoint_rejected', 'governance');

CREATE OR REPLACE FUNCTION append_governance_event(
  p_tenant uuid, p_kind text, p_subject text, p_reason text, p_payload jsonb, p_policy text, p_about_user uuid
) RETURNS governance_events
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  ev governance_events;
  body jsonb := coalesce(p_payload, '{}'::jsonb);
BEGIN
  IF app_actor_kind() IS NULL THEN
    RAISE EXCEPTION 'governance events need an actor' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM governance_event_kinds k WHERE k.kind = p_kind AND k.actor_kind = app_actor_kind()) THEN
    RAISE EXCEPTION 'a % actor does not record % events', app_actor_kind(), p_kind USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_tenant IS NOT NULL AND p_tenant IS DISTINCT FROM app_tenant_id() AND app_actor_kind() NOT IN ('system', 'governance') THEN
    RAISE EXCEPTION 'an actor appends only to the chain of the tenant it acts on' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF jsonb_typeof(body) <> 'object' THEN
    RAISE EXCEPTION 'a governance payload is a JSON object' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_about_user IS NOT NULL THEN
    body := body || jsonb_build_object('user', governance_pseudonym(p_about_user));
  END IF;
  PERFORM governance_canonical(body); -- refuses what the canonical form cannot hold, now rather than at commit

  INSERT INTO governance_events (id, tenant_id, seq, occurred_at, kind, actor_id, actor_kind, subject, reason, payload, policy, prev_hash, hash)
  VALUES (gen_random_uuid(), p_tenant, NULL, app_now(), p_kind, governance_pseudonym(app_actor_id()), app_actor_kind(),
          coalesce(p_subject, ''), coalesce(p_reason, ''), body, coalesce(p_policy, ''), NULL, NULL)
  RETURNING * INTO ev;
  RETURN ev;
END $$;
