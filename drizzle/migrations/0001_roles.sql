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

-- The migrating role must be able to SET ROLE trust_owner so that what it creates is owned by it.
DO $$
BEGIN
  IF current_user <> 'trust_owner' AND NOT pg_has_role(current_user, 'trust_owner', 'MEMBER') THEN
    EXECUTE format('GRANT trust_owner TO %I', current_user);
  END IF;
END $$;

GRANT USAGE, CREATE ON SCHEMA public TO trust_owner;
GRANT USAGE ON SCHEMA public TO trust_app;
