-- run-as: admin
-- trust_signer: the role that records signed checkpoints of the governance log and publishes the
-- keys that verify them. The application role cannot do either, so whoever controls trust_app
-- (an injected query, a leaked password) can neither vouch for a chain head that was never
-- signed nor list a key of their own. LOGIN, so the operator can give it a password of its own
-- (DATABASE_SIGNER_URL); never superuser, never owner, never BYPASSRLS.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_signer') THEN
    CREATE ROLE trust_signer LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT NOREPLICATION;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_signer' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE trust_signer NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF pg_has_role('trust_app', 'trust_signer', 'MEMBER') THEN
    RAISE EXCEPTION 'trust_app is a member of trust_signer; revoke that membership before migrating';
  END IF;
  IF pg_has_role('trust_signer', 'trust_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'trust_signer is a member of trust_owner; revoke that membership before migrating';
  END IF;
END $$;

-- The operator's role (DATABASE_ADMIN_URL) may act as the signer when DATABASE_SIGNER_URL is not
-- set: it already holds more than the signer does.
DO $$
BEGIN
  IF current_user <> 'trust_signer' AND NOT pg_has_role(current_user, 'trust_signer', 'MEMBER') THEN
    EXECUTE format('GRANT trust_signer TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not let % act as trust_signer (%); set DATABASE_SIGNER_URL to a URL that logs in as trust_signer', current_user, SQLERRM;
END $$;

GRANT USAGE ON SCHEMA public TO trust_signer;
