import 'server-only';
import { desc, eq, or } from 'drizzle-orm';
import {
  dpaExecutions,
  governanceActors,
  governanceEvents,
  lockboxApprovals,
  lockboxRequests,
  notifications,
  sessions,
  tenants,
  users,
} from '@/drizzle/schema';
import type { CustomerActor, StaffActor } from '@/lib/core/actor';
import { withActor } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import type { DbActor } from '@/lib/db/ctx';

export const PERSONAL_DATA_FORMAT = 'trust-center-personal-data';

/**
 * Everything the portal holds about the signed-in person (GDPR art. 15 and 20): their account,
 * sessions, notifications, the lockbox decisions and DPAs they signed, and the governance events
 * they took part in. The export is itself recorded as `privacy.data_exported`.
 */
export async function exportPersonalData({ db, actor }: DbActor<CustomerActor | StaffActor>, now: Date) {
  return withActor(db, actor, async (tx) => {
    const [account] = await tx
      .select({
        id: users.id,
        kind: users.kind,
        role: users.role,
        name: users.name,
        email: users.email,
        status: users.status,
        managedByDirectory: users.directoryUserId,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
        organization: tenants.legalName,
      })
      .from(users)
      .leftJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, actor.userId));
    const mySessions = await tx
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        revokedReason: sessions.revokedReason,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.userId, actor.userId))
      .orderBy(desc(sessions.createdAt));
    const myNotifications = await tx
      .select({
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, actor.userId))
      .orderBy(desc(notifications.createdAt));
    const [identity] = await tx.select({ id: governanceActors.id }).from(governanceActors).where(eq(governanceActors.userId, actor.userId));
    const customer = actor.kind === 'customer';
    const lockbox = customer
      ? {
          approvals: await tx
            .select({ requestId: lockboxApprovals.requestId, comment: lockboxApprovals.comment, approvedAt: lockboxApprovals.approvedAt })
            .from(lockboxApprovals)
            .where(eq(lockboxApprovals.approverId, actor.userId)),
          decisions: await tx
            .select({
              requestId: lockboxRequests.id,
              status: lockboxRequests.status,
              decidedAt: lockboxRequests.decidedAt,
              comment: lockboxRequests.decisionComment,
              revokedAt: lockboxRequests.revokedAt,
            })
            .from(lockboxRequests)
            .where(or(eq(lockboxRequests.decidedBy, actor.userId), eq(lockboxRequests.revokedBy, actor.userId))),
        }
      : {
          requests: await tx
            .select({
              requestId: lockboxRequests.id,
              tenantId: lockboxRequests.tenantId,
              status: lockboxRequests.status,
              justification: lockboxRequests.justification,
              ticket: lockboxRequests.ticket,
              createdAt: lockboxRequests.createdAt,
            })
            .from(lockboxRequests)
            .where(eq(lockboxRequests.requestedBy, actor.userId)),
        };
    const dpas = customer
      ? await tx
          .select({
            id: dpaExecutions.id,
            signerName: dpaExecutions.signerName,
            signerTitle: dpaExecutions.signerTitle,
            signerEmail: dpaExecutions.signerEmail,
            executedAt: dpaExecutions.executedAt,
          })
          .from(dpaExecutions)
          .where(eq(dpaExecutions.executedBy, actor.userId))
      : [];
    // The events they acted in, from the chain RLS lets them read (their tenant's, or the vendor's for trust admins).
    const events = identity
      ? await tx
          .select({
            id: governanceEvents.id,
            seq: governanceEvents.seq,
            kind: governanceEvents.kind,
            occurredAt: governanceEvents.occurredAt,
            subject: governanceEvents.subject,
          })
          .from(governanceEvents)
          .where(eq(governanceEvents.actorId, identity.id))
          .orderBy(desc(governanceEvents.seq))
      : [];
    await emitEvent(tx, { tenantId: customer ? actor.tenantId : null, kind: 'privacy.data_exported', subject: 'personal-data' });
    return {
      format: PERSONAL_DATA_FORMAT,
      version: 1,
      exportedAt: now.toISOString(),
      account: account ? { ...account, managedByDirectory: account.managedByDirectory !== null } : null,
      governanceIdentity: identity ? { pseudonym: identity.id, events } : null,
      sessions: mySessions,
      notifications: myNotifications,
      lockbox,
      dpaExecutions: dpas,
    };
  });
}
