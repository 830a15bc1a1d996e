import { randomBytes, randomUUID } from 'node:crypto';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import type { CustomerRole, StaffRole } from '@/lib/core/roles';
import type { AdminConnection } from '@/lib/db/types';
import { chainName, checkpointMessage } from '@/lib/governance/format';
import { signMessage } from '@/lib/governance/signing-key';
import { newSigningKey } from './governance';

const unique = () => randomBytes(4).toString('hex');

export async function createTenant(admin: AdminConnection, name = `Tenant ${unique()}`) {
  const slug = `t-${unique()}`;
  const [row] = await admin.transaction((q) => q.query<{ id: string }>('INSERT INTO tenants (slug, legal_name) VALUES ($1, $2) RETURNING id', [slug, name]));
  return { id: row.id, slug, legalName: name };
}

export async function createCustomer(
  admin: AdminConnection,
  tenant: { id: string; slug: string; legalName: string },
  role: CustomerRole = 'customer_admin',
): Promise<CustomerActor> {
  const email = `user-${unique()}@${tenant.slug}.example`;
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(`INSERT INTO users (tenant_id, kind, role, email, name) VALUES ($1, 'customer', $2, $3, 'Test Customer') RETURNING id`, [
      tenant.id,
      role,
      email,
    ]),
  );
  return {
    kind: 'customer',
    userId: row.id,
    email,
    name: 'Test Customer',
    role,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.legalName,
  };
}

export async function createStaff(admin: AdminConnection, role: StaffRole = 'support'): Promise<StaffActor> {
  const email = `staff-${unique()}@vendor.example`;
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(`INSERT INTO users (kind, role, email, name) VALUES ('staff', $1, $2, 'Test Staff') RETURNING id`, [role, email]),
  );
  return { kind: 'staff', userId: row.id, email, name: 'Test Staff', role };
}

export async function createRecord(admin: AdminConnection, tenantId: string, title = `Record ${unique()}`) {
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string }>(`INSERT INTO tenant_records (tenant_id, category, title, body) VALUES ($1, 'Test', $2, 'confidential') RETURNING id`, [
      tenantId,
      title,
    ]),
  );
  return row.id;
}

/** One row in every identity table for a tenant, so isolation tests see each table populated. */
export async function createIdentityRows(admin: AdminConnection, tenant: { id: string; slug: string }, userId: string) {
  const group = `directory_group_${unique()}`;
  await admin.transaction(async (q) => {
    await q.query('INSERT INTO identity_domains (domain, tenant_id) VALUES ($1, $2)', [`${tenant.slug}.example`, tenant.id]);
    await q.query('INSERT INTO identity_settings (tenant_id) VALUES ($1)', [tenant.id]);
    await q.query(`INSERT INTO group_role_mappings (tenant_id, group_name, role) VALUES ($1, 'Admins', 'customer_admin')`, [tenant.id]);
    await q.query(`INSERT INTO directory_groups (id, tenant_id, directory_id, name) VALUES ($1, $2, 'directory_x', 'Admins')`, [group, tenant.id]);
    await q.query('INSERT INTO directory_memberships (tenant_id, user_id, group_id) VALUES ($1, $2, $3)', [tenant.id, userId, group]);
    await q.query(`INSERT INTO directory_events (id, tenant_id, event) VALUES ($1, $2, 'dsync.user.created')`, [`event_${unique()}`, tenant.id]);
  });
}

/** A DPA execution of the tenant by the user (a version is published first when there is none). */
export async function createDpaExecution(admin: AdminConnection, tenant: { id: string; legalName: string }, userId: string) {
  await admin.transaction(async (q) => {
    await q.query(
      `INSERT INTO dpa_versions (version, content, content_sha256)
       SELECT 1, '{}'::jsonb, repeat('0', 64) WHERE NOT EXISTS (SELECT 1 FROM dpa_versions)`,
    );
    await q.query(
      `INSERT INTO dpa_executions (tenant_id, dpa_version_id, customer_legal_name, signer_name, signer_title, signer_email, executed_by)
       SELECT $1, id, $2, 'Test Signer', 'Director', 'signer@example.com', $3 FROM dpa_versions ORDER BY version DESC LIMIT 1`,
      [tenant.id, tenant.legalName, userId],
    );
  });
}

/**
 * One row in every lockbox table for a tenant (settings, a request with one approval by the
 * customer admin, a break-glass session, a governance event, a notification for the admin),
 * written as the superuser so isolation tests see each table populated. The guard triggers
 * still set the times and names.
 */
const FACTORY_KEY = newSigningKey();

export async function createLockboxRows(admin: AdminConnection, tenant: { id: string }, customerAdminId: string) {
  const support = await createStaff(admin, 'support');
  const holder = await createStaff(admin, 'break_glass');
  return admin.transaction(async (q) => {
    await q.query('INSERT INTO lockbox_settings (tenant_id, required_approvals, updated_by) VALUES ($1, 2, $2)', [tenant.id, customerAdminId]);
    const [request] = await q.query<{ id: string }>(
      `INSERT INTO lockbox_requests (tenant_id, requested_by, justification, ticket, duration_minutes, access, created_at, expires_at)
       VALUES ($1, $2, 'Investigating a reported export failure', 'SUP-1', 60, 'read', now(), now()) RETURNING id`,
      [tenant.id, support.userId],
    );
    await q.query('INSERT INTO lockbox_approvals (request_id, tenant_id, approver_id) VALUES ($1, $2, $3)', [request.id, tenant.id, customerAdminId]);
    const [session] = await q.query<{ id: string }>(
      `INSERT INTO break_glass_sessions (tenant_id, invoked_by, justification, incident, duration_minutes, started_at, ends_at)
       VALUES ($1, $2, 'Restoring a failed export during an outage', 'INC-1', 30, now(), now()) RETURNING id`,
      [tenant.id, holder.userId],
    );
    await q.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.actor_id', $2, true), set_config('app.actor_kind', 'staff', true)`, [
      tenant.id,
      support.userId,
    ]);
    await q.query(`SELECT 1 FROM append_governance_event($1, 'lockbox.requested', $2, '', '{}', '', NULL)`, [tenant.id, request.id]);
    // Seal now rather than at commit, to sign the head below.
    await q.query('SET CONSTRAINTS governance_events_seal IMMEDIATE');
    // A signed checkpoint of the chain's head, as the app's checkpointing would write it.
    const [head] = await q.query<{ seq: string; hash: string }>(`SELECT seq, encode(hash, 'hex') AS hash FROM governance_chain_heads WHERE chain = $1`, [
      tenant.id,
    ]);
    const time = new Date().toISOString();
    const signature = signMessage(FACTORY_KEY, checkpointMessage({ chain: chainName(tenant.id), hash: head.hash, seq: Number(head.seq), time }));
    await q.query(`INSERT INTO governance_signing_keys (kid, public_jwk) VALUES ($1, $2::text::jsonb) ON CONFLICT DO NOTHING`, [
      FACTORY_KEY.kid,
      JSON.stringify(FACTORY_KEY.publicJwk),
    ]);
    await q.query(`SELECT set_config('app.actor_kind', 'governance', true), set_config('app.actor_id', '', true)`);
    await q.query(`SELECT 1 FROM record_governance_checkpoint($1, $2, $3, $4, $5)`, [tenant.id, head.seq, time, FACTORY_KEY.kid, signature]);
    // A service account of the vendor's that reported an access to the tenant's data.
    const [account] = await q.query<{ id: string }>(
      `INSERT INTO service_accounts (name, scopes, secret_hash, secret_hint, created_by)
       VALUES ($1, '{access:report}', encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'tcs_test…', $2) RETURNING id`,
      [`Agent ${randomUUID()}`, support.userId],
    );
    await q.query(
      `INSERT INTO access_reports (tenant_id, service_account_id, report_id, staff_ref, action, resource, occurred_at)
       VALUES ($1, $2, $3, $4, 'read', 'invoices', now())`,
      [tenant.id, account.id, `report-${randomUUID()}`, support.email],
    );
    const [notification] = await q.query<{ id: string }>(
      `INSERT INTO notifications (user_id, kind, title) VALUES ($1, 'lockbox_requested', 'A lockbox request') RETURNING id`,
      [customerAdminId],
    );
    return { support, holder, requestId: request.id, sessionId: session.id, notificationId: notification.id };
  });
}
