-- A tenant keeps at least one customer admin through everything its own people do, so that
-- someone can always answer its lockbox requests. Every self-service path that can remove an
-- admin (deleting one's own account, changing a group-to-role mapping) takes the tenant's
-- admin lock before it counts who stays, so two such changes at the same moment take turns
-- instead of both seeing the other admin. Directory Sync is not held back: the identity
-- provider is the source of truth, and a tenant it leaves without an admin is shown to staff.

-- Reading the tenant's directory as its owner, for the count below.
CREATE POLICY directory_groups_owner_select ON directory_groups FOR SELECT TO trust_owner USING (true);
CREATE POLICY group_role_mappings_owner_select ON group_role_mappings FOR SELECT TO trust_owner USING (true);

-- Serializes the changes that can remove a tenant's customer admins (until the transaction ends).
CREATE FUNCTION lock_tenant_admins(p_tenant uuid) RETURNS void
LANGUAGE sql VOLATILE SET search_path = public, pg_temp AS $$
  SELECT pg_advisory_xact_lock(1852140, hashtext(p_tenant::text))
$$;
REVOKE ALL ON FUNCTION lock_tenant_admins(uuid) FROM PUBLIC;

-- The tenant's customer admins who stay admins: active, and not about to be demoted when roles
-- are next derived from directory groups (someone in a group keeps the admin role only if one of
-- their groups maps to it; someone in no group keeps the role they were given). p_leaving is
-- left out of the count.
CREATE FUNCTION lasting_customer_admins(p_tenant uuid, p_leaving uuid) RETURNS bigint
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT count(*) FROM users u
  WHERE u.tenant_id = p_tenant AND u.kind = 'customer' AND u.role = 'customer_admin'
    AND u.status = 'active' AND u.deprovisioned_at IS NULL AND u.id IS DISTINCT FROM p_leaving
    AND (
      NOT EXISTS (SELECT 1 FROM directory_memberships m WHERE m.user_id = u.id)
      OR EXISTS (
        SELECT 1 FROM directory_memberships m
        JOIN directory_groups g ON g.id = m.group_id
        JOIN group_role_mappings r ON r.tenant_id = p_tenant AND lower(r.group_name) = lower(g.name)
        WHERE m.user_id = u.id AND r.role = 'customer_admin'
      )
    )
$$;
REVOKE ALL ON FUNCTION lasting_customer_admins(uuid, uuid) FROM PUBLIC;

-- After a customer admin changed the tenant's group mappings, in the same transaction: refuses
-- the change when it would leave the tenant without a customer admin.
CREATE FUNCTION assert_mapping_keeps_customer_admin() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF app_actor_kind() IS DISTINCT FROM 'customer' OR app_tenant_id() IS NULL THEN
    RAISE EXCEPTION 'only a tenant''s own people change its mappings' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM lock_tenant_admins(app_tenant_id());
  IF lasting_customer_admins(app_tenant_id(), NULL) = 0 THEN
    RAISE EXCEPTION 'the change would leave the tenant without a customer admin' USING ERRCODE = 'check_violation';
  END IF;
END $$;
REVOKE ALL ON FUNCTION assert_mapping_keeps_customer_admin() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION assert_mapping_keeps_customer_admin() TO trust_app;

CREATE OR REPLACE FUNCTION delete_own_customer_account() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  me users;
BEGIN
  IF app_actor_kind() IS DISTINCT FROM 'customer' OR app_actor_id() IS NULL OR app_tenant_id() IS NULL THEN
    RAISE EXCEPTION 'only a customer user deletes their own account' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM lock_tenant_admins(app_tenant_id());
  SELECT * INTO me FROM users u WHERE u.id = app_actor_id() AND u.tenant_id = app_tenant_id() AND u.kind = 'customer' FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no such account' USING ERRCODE = 'no_data_found';
  END IF;
  IF me.role = 'customer_admin' AND lasting_customer_admins(me.tenant_id, me.id) = 0 THEN
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

-- How many active customer admins each tenant has, for staff: a tenant with none cannot answer
-- lockbox requests and needs the vendor's attention. Staff see counts, never the people; a
-- tenant that has no customer users at all is not listed (it has no admin either).
CREATE FUNCTION tenant_customer_admin_counts()
RETURNS TABLE (tenant_id uuid, admins bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.tenant_id, count(*) FILTER (WHERE u.role = 'customer_admin' AND u.status = 'active' AND u.deprovisioned_at IS NULL)
  FROM users u
  WHERE u.kind = 'customer' AND app_actor_kind() = 'staff' AND app_staff_role() IS NOT NULL
  GROUP BY u.tenant_id
$$;
REVOKE ALL ON FUNCTION tenant_customer_admin_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_customer_admin_counts() TO trust_app;
