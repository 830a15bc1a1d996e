-- Forwarding the governance log to a SIEM (docs/governance-forwarding.md): outbound webhooks
-- per the Standard Webhooks specification. Each chain (a tenant's, or the vendor's) has its own
-- endpoints; every event appended to a chain queues one delivery per enabled endpoint of that
-- chain in the same transaction as the append, so no event commits without its deliveries.

-- Who manages a chain's endpoints: its tenant's active customer admins, or trust admins for
-- the vendor chain (tenant NULL).
CREATE FUNCTION app_manages_forwarding(p_tenant uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_tenant IS NULL THEN app_is_trust_admin()
    ELSE app_actor_kind() = 'customer' AND p_tenant = app_tenant_id() AND app_customer_role() IS NOT DISTINCT FROM 'customer_admin'
  END IS TRUE
$$;
REVOKE ALL ON FUNCTION app_manages_forwarding(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_manages_forwarding(uuid) TO trust_app;

CREATE TABLE forwarding_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The chain forwarded: a tenant's, or NULL for the vendor chain.
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) <= 2000 AND url ~ '^https?://'),
  -- The Standard Webhooks signing secret: whsec_ and base64 of 24 to 64 random bytes.
  secret text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]{32,88}={0,2}$'),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason text CHECK (length(disabled_reason) BETWEEN 1 AND 300),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (enabled = (disabled_reason IS NULL))
);
CREATE UNIQUE INDEX forwarding_endpoints_chain_url ON forwarding_endpoints (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), url);

-- One delivery of one event to one endpoint: the outbox the worker drains, at least once.
CREATE TABLE forwarding_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id uuid NOT NULL REFERENCES forwarding_endpoints (id) ON DELETE CASCADE,
  -- The endpoint's chain, copied so that row-level security needs no join.
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES governance_events (id) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 20),
  next_attempt_at timestamptz NOT NULL,
  last_attempt_at timestamptz,
  last_status integer CHECK (last_status BETWEEN 100 AND 599),
  last_error text CHECK (length(last_error) <= 300),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (endpoint_id, event_id),
  CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX forwarding_deliveries_due_idx ON forwarding_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX forwarding_deliveries_chain_idx ON forwarding_deliveries (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), created_at DESC);
CREATE INDEX forwarding_deliveries_endpoint_idx ON forwarding_deliveries (endpoint_id, state);
CREATE INDEX forwarding_deliveries_event_idx ON forwarding_deliveries (event_id);

ALTER TABLE forwarding_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE forwarding_endpoints FORCE ROW LEVEL SECURITY;
ALTER TABLE forwarding_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE forwarding_deliveries FORCE ROW LEVEL SECURITY;

-- Endpoints: their managers list, add, rotate the secret of, enable again and remove them; the
-- log's machinery reads them to deliver and disables one that keeps failing. The signing secret is never readable by the
-- application role: it is written once, and read back only by forwarding_signing_secret().
GRANT SELECT (id, tenant_id, url, description, enabled, disabled_reason, created_by, created_at) ON forwarding_endpoints TO trust_app;
GRANT INSERT (tenant_id, url, secret, description, created_by) ON forwarding_endpoints TO trust_app;
GRANT UPDATE (secret, enabled, disabled_reason) ON forwarding_endpoints TO trust_app;
GRANT DELETE ON forwarding_endpoints TO trust_app;
CREATE POLICY forwarding_endpoints_read ON forwarding_endpoints FOR SELECT TO trust_app USING (
  app_manages_forwarding(tenant_id) OR app_actor_kind() = 'governance'
);
CREATE POLICY forwarding_endpoints_add ON forwarding_endpoints FOR INSERT TO trust_app WITH CHECK (
  app_manages_forwarding(tenant_id) AND created_by = app_actor_id()
);
CREATE POLICY forwarding_endpoints_manage ON forwarding_endpoints FOR UPDATE TO trust_app
  USING (app_manages_forwarding(tenant_id)) WITH CHECK (app_manages_forwarding(tenant_id));
CREATE POLICY forwarding_endpoints_disable ON forwarding_endpoints FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'governance' AND enabled) WITH CHECK (app_actor_kind() = 'governance' AND NOT enabled);
CREATE POLICY forwarding_endpoints_remove ON forwarding_endpoints FOR DELETE TO trust_app USING (app_manages_forwarding(tenant_id));
CREATE POLICY forwarding_endpoints_owner ON forwarding_endpoints FOR SELECT TO trust_owner USING (true);

-- A guard the policies cannot express: the machinery only disables (never rotates a secret),
-- and a secret only changes to a new well-formed one (the CHECK), never to one read back.
CREATE FUNCTION forwarding_endpoints_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_actor_kind() = 'governance' AND NEW.secret IS DISTINCT FROM OLD.secret THEN
    RAISE EXCEPTION 'the forwarding worker does not change signing secrets' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER forwarding_endpoints_guard BEFORE UPDATE ON forwarding_endpoints
  FOR EACH ROW EXECUTE FUNCTION forwarding_endpoints_guard();

-- The signing secret of an endpoint, for the log's machinery only (the delivery worker, and a
-- test message its manager asked for, sent as the machinery after the manager was checked).
CREATE FUNCTION forwarding_signing_secret(p_endpoint uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT f.secret FROM forwarding_endpoints f WHERE f.id = p_endpoint AND app_actor_kind() = 'governance'
$$;
REVOKE ALL ON FUNCTION forwarding_signing_secret(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION forwarding_signing_secret(uuid) TO trust_app;

-- Deliveries: the chain's managers read them; only the log's machinery records attempts. Rows
-- are created by the trigger below, never by the application role.
GRANT SELECT ON forwarding_deliveries TO trust_app;
GRANT UPDATE (state, attempts, next_attempt_at, last_attempt_at, last_status, last_error, delivered_at) ON forwarding_deliveries TO trust_app;
CREATE POLICY forwarding_deliveries_read ON forwarding_deliveries FOR SELECT TO trust_app USING (
  app_manages_forwarding(tenant_id) OR app_actor_kind() = 'governance'
);
CREATE POLICY forwarding_deliveries_attempt ON forwarding_deliveries FOR UPDATE TO trust_app
  USING (app_actor_kind() = 'governance') WITH CHECK (app_actor_kind() = 'governance');
CREATE POLICY forwarding_deliveries_owner_queue ON forwarding_deliveries FOR INSERT TO trust_owner WITH CHECK (true);

-- Queues the new event for every enabled endpoint of its chain, inside the append's transaction.
CREATE FUNCTION forwarding_enqueue() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO forwarding_deliveries (endpoint_id, tenant_id, event_id, next_attempt_at)
  SELECT f.id, f.tenant_id, NEW.id, NEW.occurred_at
  FROM forwarding_endpoints f
  WHERE f.enabled
    AND coalesce(f.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce(NEW.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION forwarding_enqueue() FROM PUBLIC;
CREATE TRIGGER governance_events_forward AFTER INSERT ON governance_events
  FOR EACH ROW EXECUTE FUNCTION forwarding_enqueue();
