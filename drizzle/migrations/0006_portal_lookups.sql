-- What the portal's automatic work (the 'system' actor) needs to know and nothing more:
-- whether a domain is a customer tenant's (access requests from customers are approved by
-- rule), and where the vendor's notices go (the active trust admins' addresses). Plus mail
-- headers, for one-click unsubscribe (RFC 8058). Runs as trust_owner.

CREATE POLICY identity_domains_system ON identity_domains FOR SELECT TO trust_app
  USING (app_actor_kind() = 'system' AND tenant_id IS NOT NULL);

CREATE FUNCTION app_trust_admin_emails() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT email FROM users
  WHERE kind = 'staff' AND role = 'trust_admin' AND status = 'active' AND deprovisioned_at IS NULL
  ORDER BY email
$$;
REVOKE ALL ON FUNCTION app_trust_admin_emails() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_trust_admin_emails() TO trust_app;

ALTER TABLE mail_outbox ADD COLUMN headers jsonb;
