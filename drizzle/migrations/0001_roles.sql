-- run-as: admin
-- The two database roles of SPEC 4.1. trust_owner owns every table; trust_app is what the
-- application runs as: LOGIN (the operator sets its password), never superuser, never owner,
-- never BYPASSRLS. Roles are cluster-wide, so creation tolerates a concurrent creator.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_owner') THEN
    CREATE ROLE trust_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_app') THEN
    CREATE ROLE trust_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT NOREPLICATION;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- A pre-existing role with dangerous attributes is corrected (this needs a superuser) or the
-- migration fails: the app must never run as a role that can bypass row-level security.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_app' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE trust_app NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trust_owner' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE trust_owner NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;

-- trust_app must not be able to become the owner (which could disable row-level security).
DO $$
BEGIN
  IF pg_has_role('trust_app', 'trust_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'trust_app is a member of trust_owner; revoke that membership before migrating';
  END IF;
END $$;

-- The migrating role must be able to SET ROLE trust_owner so that what it creates is owned by it.
DO $$
BEGIN
  IF current_user <> 'trust_owner' AND NOT pg_has_role(current_user, 'trust_owner', 'MEMBER') THEN
    EXECUTE format('GRANT trust_owner TO %I', current_user);
  END IF;
END $$;

GRANT USAGE, CREATE ON SCHEMA public TO trust_owner;
GRANT USAGE ON SCHEMA public TO trust_app;
GRANT SELECT ON trust_schema_migrations TO trust_app;

-- Nobody else creates objects here: no tables in public (the default before PostgreSQL 15),
-- and no temporary tables, which would shadow ours for unqualified names on a pooled
-- connection. Both need the database owner; `trust security audit` reports what is left.
DO $$
BEGIN
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not revoke CREATE on schema public or TEMPORARY from PUBLIC: %', SQLERRM;
END $$;
