import 'server-only';
import { z } from 'zod';
import type { Clock } from '@/lib/clock';
import type { Config } from '@/lib/config/env';
import { withActor, type DbHandle } from '@/lib/db/with-actor';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/http/errors';
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
import type { WorkOSClient } from './workos-client';

export interface WebhookDeps {
  db: DbHandle;
  clock: Clock;
  workos: WorkOSClient;
  webhookSecret: string | undefined;
  vendor: Pick<Config['workos'], 'vendorOrganizationId' | 'vendorDirectoryId'>;
}

const user = z.object({
  id: z.string().min(1).max(200),
  directoryId: z.string().min(1).max(200),
  // WorkOS may send a user without an address; such a user cannot sign in, only be removed.
  email: z.string().email().max(254).nullable(),
  firstName: z.string().max(200).nullish(),
  lastName: z.string().max(200).nullish(),
  state: z.string().min(1).max(50),
  updatedAt: z.string().max(100).nullish(),
});
const group = z.object({ id: z.string().min(1).max(200), directoryId: z.string().min(1).max(200), name: z.string().min(1).max(200) });
const base = { id: z.string().min(1).max(200) };

const directoryEvent = z.discriminatedUnion('event', [
  z.object({ ...base, event: z.enum(['dsync.user.created', 'dsync.user.updated']), data: user }),
  z.object({ ...base, event: z.literal('dsync.user.deleted'), data: user.pick({ id: true, directoryId: true, updatedAt: true }) }),
  z.object({ ...base, event: z.enum(['dsync.group.created', 'dsync.group.updated']), data: group }),
  z.object({ ...base, event: z.literal('dsync.group.deleted'), data: group.pick({ id: true, directoryId: true }) }),
  z.object({
    ...base,
    event: z.enum(['dsync.group.user_added', 'dsync.group.user_removed']),
    data: z.object({ directoryId: z.string().min(1).max(200), user, group }),
  }),
  z.object({ ...base, event: z.literal('dsync.deleted'), data: z.object({ id: z.string().min(1).max(200) }) }),
]);
type DirectoryEvent = z.infer<typeof directoryEvent>;
const HANDLED = new Set<string>([
  'dsync.user.created',
  'dsync.user.updated',
  'dsync.user.deleted',
  'dsync.group.created',
  'dsync.group.updated',
  'dsync.group.deleted',
  'dsync.group.user_added',
  'dsync.group.user_removed',
  'dsync.deleted',
] satisfies DirectoryEvent['event'][]);

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Verifies a WorkOS webhook (signature and age, through the SDK), then applies a Directory
 * Sync event in one transaction scoped to the organization that owns the directory. The
 * event id is recorded in the same transaction, so a replay changes nothing.
 */
export async function handleWorkosWebhook(deps: WebhookDeps, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  if (!deps.webhookSecret) throw new AppError('webhooks_not_configured', 'WorkOS webhooks are not configured on this server.', 404);
  if (!signature) throw new AppError('invalid_signature', 'The WorkOS-Signature header is missing.', 401);
  let verified: unknown;
  try {
    verified = await deps.workos.webhooks.constructEvent({ payload: rawBody, sigHeader: signature, secret: deps.webhookSecret });
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof TypeError) {
      throw new AppError('invalid_request', 'The webhook body is not a valid WorkOS event.', 400);
    }
    throw new AppError('invalid_signature', 'The webhook signature is not valid or is too old.', 401);
  }
  const name = (verified as { event?: unknown }).event;
  // Other events (and dsync events this app has no use for, such as dsync.activated) are
  // acknowledged, so WorkOS does not retry them.
  if (typeof name !== 'string' || !HANDLED.has(name)) return 'ignored';
  const parsed = directoryEvent.safeParse(verified);
  if (!parsed.success) throw new AppError('invalid_request', 'The webhook body is not a valid Directory Sync event.', 400);
  const event = parsed.data;
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
async function applyUser(tx: Parameters<typeof recordEvent>[0], scope: DirectoryScope, data: z.infer<typeof user>, now: Date) {
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
