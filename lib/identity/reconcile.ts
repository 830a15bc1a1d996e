import 'server-only';
import { and, eq, isNotNull, isNull, notInArray } from 'drizzle-orm';
import { directoryGroups, directoryMemberships, tenants, users } from '@/drizzle/schema';
import type { Clock } from '@/lib/core/clock';
import type { Config } from '@/lib/core/config';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { deprovisionUser, putInGroup, recomputeRole, upsertGroup, upsertUser, type DirectoryScope } from './directory-sync';
import type { WorkOSClient } from './workos-client';

export interface ReconcileReport {
  directory: string;
  users: number;
  groups: number;
  deprovisioned: number;
}

/**
 * Converges the database to what each directory holds now, for when webhooks were missed:
 * users and their state, groups, memberships, and the roles they map to. Running it again
 * changes nothing.
 */
export async function reconcileDirectories(
  db: DbHandle,
  clock: Clock,
  workos: WorkOSClient,
  vendor: Pick<Config['workos'], 'vendorDirectoryId'>,
): Promise<ReconcileReport[]> {
  const tenantDirectories = await withActor(
    db,
    { kind: 'auth' },
    (tx) => tx.select({ tenantId: tenants.id, directoryId: tenants.workosDirectoryId }).from(tenants).where(isNotNull(tenants.workosDirectoryId)),
    { readOnly: true },
  );
  const directories = [{ tenantId: null, directoryId: vendor.vendorDirectoryId }, ...tenantDirectories] as { tenantId: string | null; directoryId: string }[];
  const reports: ReconcileReport[] = [];
  for (const { tenantId, directoryId } of directories) {
    const [remoteUsers, remoteGroups] = await Promise.all([
      workos.directorySync.listUsers({ directory: directoryId }).then((page) => page.autoPagination()),
      workos.directorySync.listGroups({ directory: directoryId }).then((page) => page.autoPagination()),
    ]);
    const scope: DirectoryScope = { tenantId };
    const deprovisioned = await withActor(db, { kind: 'directory', tenantId }, async (tx) => {
      const now = clock.now();
      for (const g of remoteGroups) await upsertGroup(tx, scope, { id: g.id, directoryId, name: g.name }, now);
      const groupIds = remoteGroups.map((g) => g.id);
      const goneGroups = await tx
        .delete(directoryGroups)
        .where(and(eq(directoryGroups.directoryId, directoryId), groupIds.length ? notInArray(directoryGroups.id, groupIds) : undefined))
        .returning({ id: directoryGroups.id });
      for (const g of goneGroups) {
        await emitEvent(tx, { tenantId, kind: 'directory.group_deleted', subject: g.id, payload: { group: g.id } });
      }
      const listed: string[] = [];
      for (const u of remoteUsers) {
        if (!u.email) continue; // nobody can sign in without an e-mail address
        listed.push(u.id);
        const userId = await upsertUser(tx, scope, { ...u, email: u.email }, now);
        if (!userId) continue;
        const wanted = u.groups.map((g) => g.id).filter((id) => groupIds.includes(id));
        const left = await tx
          .delete(directoryMemberships)
          .where(and(eq(directoryMemberships.userId, userId), wanted.length ? notInArray(directoryMemberships.groupId, wanted) : undefined))
          .returning({ groupId: directoryMemberships.groupId });
        for (const m of left) {
          await emitEvent(tx, { tenantId, kind: 'directory.member_removed', subject: m.groupId, payload: { group: m.groupId }, aboutUserId: userId });
        }
        for (const groupId of wanted) await putInGroup(tx, scope, userId, groupId);
        if (u.state === 'active') await recomputeRole(tx, scope, userId, now);
      }
      // Users the directory provisioned before but no longer lists are gone from it.
      const gone = await tx
        .select({ directoryUserId: users.directoryUserId })
        .from(users)
        .where(
          and(
            tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, tenantId),
            isNotNull(users.directoryUserId),
            isNull(users.deprovisionedAt),
            listed.length ? notInArray(users.directoryUserId, listed) : undefined,
          ),
        );
      for (const g of gone) await deprovisionUser(tx, scope, g.directoryUserId!, now, null, 'not_listed');
      return gone.length;
    });
    reports.push({ directory: directoryId, users: remoteUsers.length, groups: remoteGroups.length, deprovisioned });
  }
  return reports;
}
