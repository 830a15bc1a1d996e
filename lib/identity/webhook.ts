import 'server-only';
import type { Clock } from '@/lib/core/clock';
import type { Config } from '@/lib/core/config';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { parseDirectoryEvent, type DirectoryEvent, type DirectoryUser } from './directory-event';
import {
  addMembership,
  deleteGroup,
  deprovisionDirectory,
  deprovisionUser,
  recordEvent,
  removeMembership,
  upsertGroup,
  upsertUser,
  type DirectoryScope,
} from './directory-sync';
import { organizationForDirectory } from './organizations';
import { verifyWorkosSignature } from './webhook-signature';

/** What applying a Directory Sync event needs: the secret, not a WorkOS API client (nothing here calls WorkOS). */
export interface WebhookDeps {
  db: DbHandle;
  clock: Clock;
  webhookSecret: string | undefined;
  vendor: Pick<Config['workos'], 'vendorOrganizationId' | 'vendorDirectoryId'>;
}

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Verifies a WorkOS webhook (signature and date), then applies a Directory Sync event in one
 * transaction scoped to the organization that owns the directory. The event id is recorded in
 * the same transaction, so a replay changes nothing, and a refused event leaves no trace.
 */
export async function handleWorkosWebhook(deps: WebhookDeps, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  if (!deps.webhookSecret) throw new AppError('webhooks_not_configured', 'WorkOS webhooks are not configured on this server.', 404);
  if (!signature) throw new AppError('invalid_signature', 'The WorkOS-Signature header is missing.', 401);
  verifyWorkosSignature(rawBody, signature, deps.webhookSecret, deps.clock.now());
  const event = parseDirectoryEvent(rawBody);
  // Other events (and dsync events this app has no use for, such as dsync.activated) are
  // acknowledged, so WorkOS does not retry them.
  if (!event) return 'ignored';
  const directoryId = 'directoryId' in event.data ? event.data.directoryId : event.data.id;
  const scope = await organizationForDirectory(deps.db, deps.vendor, directoryId);
  if (!scope) {
    console.warn(JSON.stringify({ event: 'identity.webhook_unknown_directory', directoryId, eventId: event.id }));
    return 'ignored';
  }
  const directory = { kind: 'directory', tenantId: scope.tenantId } as const;
  try {
    return await withActor(deps.db, directory, async (tx) => {
      if (!(await recordEvent(tx, scope, event.id, event.event))) return 'duplicate';
      await apply(tx, scope, event, deps.clock.now());
      return 'applied';
    });
  } catch (error) {
    // The refused event changed nothing (rolled back); its refusal is recorded on its own.
    if (error instanceof AppError && error.code === 'email_in_other_organization') {
      await withActor(deps.db, directory, (tx) =>
        emitEvent(tx, { tenantId: scope.tenantId, kind: 'directory.user_refused', subject: 'user', payload: { reason: error.code, event: event.event } }),
      );
    }
    throw error;
  }
}

/** A user without an e-mail address can only be removed; with one, it is created or updated. */
async function applyUser(tx: Parameters<typeof recordEvent>[0], scope: DirectoryScope, data: DirectoryUser, now: Date) {
  if (data.email) return upsertUser(tx, scope, { ...data, email: data.email }, now);
  if (data.state !== 'active') await deprovisionUser(tx, scope, data.id, now, data.updatedAt);
  return null;
}

async function apply(tx: Parameters<typeof recordEvent>[0], scope: DirectoryScope, event: DirectoryEvent, now: Date) {
  switch (event.event) {
    case 'dsync.user.created':
    case 'dsync.user.updated':
      await applyUser(tx, scope, event.data, now);
      return;
    case 'dsync.user.deleted':
      await deprovisionUser(tx, scope, event.data.id, now, event.data.updatedAt);
      return;
    case 'dsync.group.created':
    case 'dsync.group.updated':
      await upsertGroup(tx, scope, event.data, now);
      return;
    case 'dsync.group.deleted':
      await deleteGroup(tx, scope, event.data.id, now);
      return;
    case 'dsync.group.user_added': {
      const userId = await applyUser(tx, scope, event.data.user, now);
      await upsertGroup(tx, scope, event.data.group, now);
      if (userId) await addMembership(tx, scope, userId, event.data.group.id, now);
      return;
    }
    case 'dsync.group.user_removed': {
      const userId = await applyUser(tx, scope, event.data.user, now);
      if (userId) await removeMembership(tx, scope, userId, event.data.group.id, now);
      return;
    }
    case 'dsync.deleted':
      await deprovisionDirectory(tx, scope, now);
      return;
  }
}
