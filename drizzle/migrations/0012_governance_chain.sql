-- The tamper-evident governance log (SPEC 4.5, docs/governance-log.md): each event carries the
-- SHA-256 of the one before it, actors appear under pseudonymous ids whose names and e-mails
-- live outside the hashed event (so they can be erased), and chain heads are signed in
-- checkpoints by a key the database never sees.

-- 'governance': the log's own machinery (exports, checkpoints, forwarding). It reads every
-- chain and records checkpoints; it changes nothing else.
CREATE OR REPLACE FUNCTION app_actor_kind() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN current_setting('app.actor_kind', true) IN ('customer', 'staff', 'anonymous', 'auth', 'directory', 'vendor_directory', 'system', 'governance')
    THEN current_setting('app.actor_kind', true)
  END
$$;

-- RFC 8785 canonical JSON of a jsonb value, for the values the log admits: objects whose keys
-- are ASCII letters, digits and '_' (so byte order is UTF-16 order), arrays, strings, integers
-- within ±(2^53 - 1) (so the text is what ECMAScript prints), booleans and null.
CREATE FUNCTION governance_canonical(j jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE SET search_path = public, pg_temp AS $$
DECLARE
  out text;
  n numeric;
BEGIN
  CASE jsonb_typeof(j)
  WHEN 'object' THEN
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(j) k WHERE k !~ '^[A-Za-z0-9_]+$') THEN
      RAISE EXCEPTION 'governance payload keys are ASCII letters, digits and _' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT '{' || coalesce(string_agg(to_json(k)::text || ':' || governance_canonical(v), ',' ORDER BY k COLLATE "C"), '') || '}'
      INTO out FROM jsonb_each(j) AS e(k, v);
  WHEN 'array' THEN
    SELECT '[' || coalesce(string_agg(governance_canonical(v), ',' ORDER BY i), '') || ']'
      INTO out FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, i);
  WHEN 'string' THEN
    out := to_json(j #>> '{}')::text;
  WHEN 'number' THEN
    n := j::numeric;
    IF n <> trunc(n) OR abs(n) > 9007199254740991 THEN
      RAISE EXCEPTION 'governance payload numbers are integers within ±(2^53 - 1)' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    out := n::bigint::text;
  WHEN 'boolean' THEN
    out := j::text;
  ELSE
    out := 'null';
  END CASE;
  RETURN out;
END $$;

-- Who acted, outside the hash: the pseudonymous id in events maps to a person here until an
-- erasure blanks the name and e-mail (and forgets the user id), leaving every chain intact.
CREATE TABLE governance_actors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid UNIQUE,
  person_tenant_id uuid,
  actor_kind text NOT NULL,
  name text,
  email text,
  erased_at timestamptz
);
ALTER TABLE governance_actors ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_actors FORCE ROW LEVEL SECURITY;
GRANT SELECT ON governance_actors TO trust_app;
CREATE POLICY governance_actors_owner ON governance_actors FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- The pseudonymous id of a user, created on first use.
CREATE FUNCTION governance_pseudonym(p_user uuid) RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  pseudonym uuid;
BEGIN
  IF p_user IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT a.id INTO pseudonym FROM governance_actors a WHERE a.user_id = p_user;
  IF pseudonym IS NULL THEN
    INSERT INTO governance_actors (user_id, person_tenant_id, actor_kind, name, email)
    SELECT p_user, u.tenant_id, coalesce(u.kind, 'unknown'), u.name, u.email
    FROM (SELECT 1) one LEFT JOIN users u ON u.id = p_user
    ON CONFLICT (user_id) DO NOTHING
    RETURNING id INTO pseudonym;
    IF pseudonym IS NULL THEN
      SELECT a.id INTO pseudonym FROM governance_actors a WHERE a.user_id = p_user;
    END IF;
  END IF;
  RETURN pseudonym;
END $$;
REVOKE ALL ON FUNCTION governance_pseudonym(uuid) FROM PUBLIC;

-- The head of each chain (the vendor chain's key is the zero uuid). Appending locks the
-- chain's row, so appends to one chain take turns and appends to different chains do not wait.
-- A tenant's chain is keyed by the tenant's id.
CREATE TABLE governance_chain_heads (
  chain uuid PRIMARY KEY,
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  updated_at timestamptz NOT NULL
);
ALTER TABLE governance_chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_chain_heads FORCE ROW LEVEL SECURITY;
GRANT SELECT ON governance_chain_heads TO trust_app;
CREATE POLICY governance_chain_heads_read ON governance_chain_heads FOR SELECT TO trust_app USING (app_actor_kind() = 'governance');
CREATE POLICY governance_chain_heads_owner ON governance_chain_heads FOR ALL TO trust_owner USING (true) WITH CHECK (true);

ALTER TABLE governance_events ADD COLUMN policy text NOT NULL DEFAULT '' CHECK (length(policy) <= 200);
ALTER TABLE governance_events ADD COLUMN prev_hash bytea;
ALTER TABLE governance_events ADD COLUMN hash bytea;
CREATE INDEX governance_events_actor_idx ON governance_events (actor_id, tenant_id);

-- The event as it is hashed, exported and forwarded: RFC 8785 canonical JSON, keys in order.
CREATE FUNCTION governance_event_json(e governance_events) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp AS $$
  SELECT '{"actor":' || coalesce(to_json(e.actor_id::text)::text, 'null')
      || ',"actor_kind":' || to_json(e.actor_kind)::text
      || ',"chain":' || to_json(CASE WHEN e.tenant_id IS NULL THEN 'vendor' ELSE 'tenant:' || e.tenant_id::text END)::text
      || ',"id":' || to_json(e.id::text)::text
      || ',"kind":' || to_json(e.kind)::text
      || ',"payload":' || governance_canonical(e.payload)
      || ',"policy":' || to_json(e.policy)::text
      || ',"reason":' || to_json(e.reason)::text
      || ',"seq":' || e.seq::text
      || ',"subject":' || to_json(e.subject)::text
      || ',"time":"' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"}'
$$;
GRANT EXECUTE ON FUNCTION governance_event_json(governance_events), governance_canonical(jsonb) TO trust_app;

-- Events written before the chain existed: actors become pseudonyms, then each chain is
-- hashed in order and its head recorded.
UPDATE governance_events e SET actor_id = governance_pseudonym(e.actor_id) WHERE e.actor_id IS NOT NULL;
DO $$
DECLARE
  ev governance_events;
  prev bytea;
  current_chain uuid;
BEGIN
  FOR ev IN SELECT * FROM governance_events
            ORDER BY coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq LOOP
    IF current_chain IS DISTINCT FROM coalesce(ev.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) THEN
      current_chain := coalesce(ev.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid);
      prev := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    END IF;
    UPDATE governance_events SET prev_hash = prev, hash = sha256(prev || convert_to(governance_event_json(ev), 'UTF8'))
    WHERE id = ev.id RETURNING hash INTO prev;
    INSERT INTO governance_chain_heads (chain, seq, hash, updated_at)
    VALUES (current_chain, ev.seq, prev, ev.occurred_at)
    ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, updated_at = excluded.updated_at;
  END LOOP;
END $$;
-- An event is sealed (sequence number and hashes set) when its transaction commits; until then,
-- only its own transaction sees it, with all three unset.
ALTER TABLE governance_events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE governance_events ADD CONSTRAINT governance_events_sealed CHECK (
  (seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
  OR (seq IS NOT NULL AND octet_length(hash) = 32 AND octet_length(prev_hash) = 32)
);

DROP POLICY governance_events_read ON governance_events;
CREATE POLICY governance_events_read ON governance_events FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (tenant_id IS NULL AND app_is_trust_admin())
  OR app_actor_kind() = 'governance'
);

-- A person may see their own pseudonym's name; a tenant's users the actors in their chain;
-- trust admins and the log's machinery all of them.
CREATE POLICY governance_actors_read ON governance_actors FOR SELECT TO trust_app USING (
  user_id = app_actor_id()
  OR app_actor_kind() = 'governance'
  OR app_is_trust_admin()
  OR (app_actor_kind() = 'customer' AND (
    person_tenant_id = app_tenant_id()
    OR EXISTS (SELECT 1 FROM governance_events e WHERE e.actor_id = governance_actors.id AND e.tenant_id = app_tenant_id())
    OR EXISTS (SELECT 1 FROM governance_events e WHERE e.tenant_id = app_tenant_id() AND e.payload ->> 'user' = governance_actors.id::text)
  ))
);

DROP FUNCTION append_governance_event(uuid, text, text, text, jsonb);
-- Appends one event to a chain as the acting actor. An actor appends to the vendor chain or
-- to the chain of the tenant it acts on; the portal's own work ('system') and the log's
-- machinery ('governance') to any chain. p_about_user, a user the event concerns, is recorded
-- as payload.user under that user's pseudonym. The event is sealed into its chain when the
-- transaction commits (governance_seal_event), so the chain's lock is held only while the
-- commit is written, never while the application finishes its transaction.
CREATE FUNCTION append_governance_event(
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
REVOKE ALL ON FUNCTION append_governance_event(uuid, text, text, text, jsonb, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_governance_event(uuid, text, text, text, jsonb, text, uuid) TO trust_app;

-- Seals an event into its chain at commit: under a row lock on the chain's head, the next
-- sequence number, the hash of the one before and the event's own hash. Events of one
-- transaction are sealed in the order they were appended; chains never wait for each other.
CREATE FUNCTION governance_seal_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  chain_key uuid := coalesce(NEW.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid);
  head governance_chain_heads;
  ev governance_events := NEW;
BEGIN
  SELECT * INTO head FROM governance_chain_heads h WHERE h.chain = chain_key FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO governance_chain_heads (chain, seq, hash, updated_at)
    VALUES (chain_key, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, ev.occurred_at)
    ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM governance_chain_heads h WHERE h.chain = chain_key FOR UPDATE;
  END IF;
  ev.seq := head.seq + 1;
  ev.prev_hash := head.hash;
  ev.hash := sha256(head.hash || convert_to(governance_event_json(ev), 'UTF8'));
  UPDATE governance_events SET seq = ev.seq, prev_hash = ev.prev_hash, hash = ev.hash WHERE id = ev.id;
  UPDATE governance_chain_heads h SET seq = ev.seq, hash = ev.hash, updated_at = ev.occurred_at WHERE h.chain = chain_key;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER governance_events_seal AFTER INSERT ON governance_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION governance_seal_event();

-- Public keys that sign checkpoints. A key stays listed after rotation so old checkpoints
-- keep verifying; the private keys never reach the database.
CREATE TABLE governance_signing_keys (
  kid text PRIMARY KEY CHECK (kid ~ '^[A-Za-z0-9_-]{43}$'),
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE governance_signing_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_signing_keys FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON governance_signing_keys TO trust_app;
CREATE POLICY governance_signing_keys_read ON governance_signing_keys FOR SELECT TO trust_app USING (true);
CREATE POLICY governance_signing_keys_register ON governance_signing_keys FOR INSERT TO trust_app WITH CHECK (app_actor_kind() = 'governance');
CREATE POLICY governance_signing_keys_owner ON governance_signing_keys FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- Signed chain heads: `signature` is Ed25519 over the canonical JSON of
-- {"chain","hash","seq","time"} by the key `kid`.
CREATE TABLE governance_checkpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid,
  seq bigint NOT NULL CHECK (seq >= 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  signed_time text NOT NULL CHECK (signed_time ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'),
  kid text NOT NULL REFERENCES governance_signing_keys (kid),
  signature text NOT NULL CHECK (signature ~ '^[A-Za-z0-9_-]{86}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_checkpoints_chain_idx ON governance_checkpoints (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq);
ALTER TABLE governance_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE governance_checkpoints FORCE ROW LEVEL SECURITY;
GRANT SELECT ON governance_checkpoints TO trust_app;
CREATE POLICY governance_checkpoints_read ON governance_checkpoints FOR SELECT TO trust_app USING (
  (app_actor_kind() = 'customer' AND tenant_id = app_tenant_id())
  OR (tenant_id IS NULL AND app_is_trust_admin())
  OR app_actor_kind() = 'governance'
);
CREATE POLICY governance_checkpoints_owner ON governance_checkpoints FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- Records a signed checkpoint of a chain at seq. The hash is taken from the event itself, so a
-- checkpoint can only vouch for what the chain holds.
CREATE FUNCTION record_governance_checkpoint(p_tenant uuid, p_seq bigint, p_time text, p_kid text, p_signature text)
RETURNS governance_checkpoints
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  recorded governance_checkpoints;
  at_hash bytea;
BEGIN
  IF app_actor_kind() IS DISTINCT FROM 'governance' THEN
    RAISE EXCEPTION 'only the governance log records checkpoints' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_seq = 0 THEN
    at_hash := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  ELSE
    SELECT e.hash INTO at_hash FROM governance_events e
    WHERE coalesce(e.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(p_tenant, '00000000-0000-0000-0000-000000000000'::uuid)
      AND e.seq = p_seq;
    IF at_hash IS NULL THEN
      RAISE EXCEPTION 'the chain has no event %', p_seq USING ERRCODE = 'invalid_parameter_value';
    END IF;
  END IF;
  INSERT INTO governance_checkpoints (tenant_id, seq, hash, signed_time, kid, signature)
  VALUES (p_tenant, p_seq, at_hash, p_time, p_kid, p_signature)
  RETURNING * INTO recorded;
  RETURN recorded;
END $$;
REVOKE ALL ON FUNCTION record_governance_checkpoint(uuid, bigint, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_governance_checkpoint(uuid, bigint, text, text, text) TO trust_app;

-- GDPR erasure of the acting person's name and e-mail in the log (account deletion).
CREATE FUNCTION erase_governance_identity() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_actor_id() IS NULL OR app_actor_kind() NOT IN ('customer', 'staff') THEN
    RAISE EXCEPTION 'only a signed-in person erases their own identity' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE governance_actors SET name = NULL, email = NULL, user_id = NULL, erased_at = now()
  WHERE user_id = app_actor_id();
END $$;
REVOKE ALL ON FUNCTION erase_governance_identity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION erase_governance_identity() TO trust_app;

-- The log's machinery names the tenant whose chain it exports (id, slug, legal name).
DROP POLICY tenants_select ON tenants;
CREATE POLICY tenants_select ON tenants FOR SELECT TO trust_app USING (
  app_actor_kind() IN ('staff', 'auth', 'governance')
  OR (app_actor_kind() = 'customer' AND id = app_tenant_id())
);

-- A customer user deletes their own account (GDPR erasure). The users row stays as a
-- tombstone because lockbox approvals refer to it; everything that names the person is
-- blanked or deleted. Executed DPAs keep their signer: a signed contract is kept by law.
CREATE POLICY users_owner_erasure ON users FOR UPDATE TO trust_owner USING (kind = 'customer') WITH CHECK (kind = 'customer');
CREATE POLICY sessions_owner_erasure ON sessions FOR ALL TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY directory_memberships_owner_erasure ON directory_memberships FOR ALL TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY lockbox_approvals_owner_erasure ON lockbox_approvals FOR UPDATE TO trust_owner USING (true) WITH CHECK (true);
CREATE POLICY mail_outbox_owner_erasure ON mail_outbox FOR ALL TO trust_owner USING (true) WITH CHECK (true);

-- The lockbox guard (0011) learns the one change an erasure makes to a decided request.
CREATE OR REPLACE FUNCTION lockbox_requests_guard() RETURNS trigger
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
  -- An account deletion blanks the name of the erased person and changes nothing else.
  IF NEW.status = OLD.status
     AND (NEW.decider_name, NEW.revoker_name) IS DISTINCT FROM (OLD.decider_name, OLD.revoker_name)
     AND (NEW.decider_name = OLD.decider_name OR (NEW.decider_name = '' AND EXISTS (
           SELECT 1 FROM users u WHERE u.id = OLD.decided_by AND u.email = 'erased-' || u.id::text || '@erased.invalid')))
     AND (NEW.revoker_name = OLD.revoker_name OR (NEW.revoker_name = '' AND EXISTS (
           SELECT 1 FROM users u WHERE u.id = OLD.revoked_by AND u.email = 'erased-' || u.id::text || '@erased.invalid')))
     AND (to_jsonb(NEW) - 'decider_name' - 'revoker_name') = (to_jsonb(OLD) - 'decider_name' - 'revoker_name') THEN
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

CREATE FUNCTION delete_own_customer_account() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me users;
BEGIN
  IF app_actor_kind() IS DISTINCT FROM 'customer' OR app_actor_id() IS NULL THEN
    RAISE EXCEPTION 'only a customer user deletes their own account' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO me FROM users u WHERE u.id = app_actor_id() AND u.tenant_id = app_tenant_id() AND u.kind = 'customer' FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such account' USING ERRCODE = 'no_data_found';
  END IF;
  IF me.role = 'customer_admin' AND NOT EXISTS (
    SELECT 1 FROM users o WHERE o.tenant_id = me.tenant_id AND o.id <> me.id AND o.role = 'customer_admin'
      AND o.status = 'active' AND o.deprovisioned_at IS NULL
  ) THEN
    RAISE EXCEPTION 'the last customer admin of a tenant cannot delete their account' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM erase_governance_identity();
  DELETE FROM notifications WHERE user_id = me.id;
  DELETE FROM sessions WHERE user_id = me.id;
  DELETE FROM directory_memberships WHERE user_id = me.id;
  DELETE FROM mail_outbox WHERE lower(to_address) = lower(me.email);
  UPDATE users SET email = 'erased-' || me.id::text || '@erased.invalid', name = 'Erased user', status = 'suspended',
    directory_user_id = NULL, deprovisioned_at = coalesce(deprovisioned_at, now()), updated_at = now()
  WHERE id = me.id;
  UPDATE lockbox_approvals SET approver_name = '' WHERE approver_id = me.id;
  UPDATE lockbox_requests SET decider_name = '' WHERE decided_by = me.id AND decider_name <> '';
  UPDATE lockbox_requests SET revoker_name = '' WHERE revoked_by = me.id AND revoker_name <> '';
END $$;
REVOKE ALL ON FUNCTION delete_own_customer_account() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION delete_own_customer_account() TO trust_app;
