import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type AccessRequestStatus, type RuleDecider, accessGrants, accessRequestDocuments, accessRequests, documents } from '@/drizzle/schema';
import { type Actor, SYSTEM, type StaffActor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import type { Tx } from '@/lib/db/types';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { AppError } from '@/lib/core/errors';
import { queueMail } from '@/lib/mail/outbox';
import { readPublicSettings } from '@/lib/portal/settings';
import { grantMail, refusalMail } from './mails';
import { hashToken, newToken } from './tokens';
import type { Ctx } from '@/lib/db/ctx';

/**
 * The access request state machine. This module is the only code that writes
 * access_requests.status: a pending request is approved or denied once, and never again.
 */
export const TRANSITIONS: Record<AccessRequestStatus, readonly AccessRequestStatus[]> = {
  pending: ['approved', 'denied'],
  approved: [],
  denied: [],
};

const DAY = 86_400_000;

type Decider = { userId: string } | { rule: RuleDecider };

export interface DecisionResult {
  id: string;
  status: 'approved' | 'denied';
  decidedAt: Date;
  grant: { id: string; expiresAt: Date } | null;
}

/** What the staff pages say of a note too long, a decision's or a domain rule's alike. */
export const NOTE_TOO_LONG = 'The note is too long: at most 2,000 characters for a decision, 500 for a domain rule.';

export const decisionInput = z.object({
  note: z.string().trim().max(2000, 'The note can be at most 2,000 characters.').default('').describe(NOTE_TOO_LONG),
});

/**
 * Moves a request from a state that allows it to `to` with one conditional UPDATE: of two
 * decisions racing, the second finds the request no longer pending and changes nothing.
 * Approval creates the grant and mails the link in the same transaction; denial mails a refusal.
 * The decision (`access.approved`/`denied`, or `access.auto_*` for a rule) and the grant
 * (`access.grant_created`) are recorded in the same transaction too.
 */
async function decide(
  tx: Tx,
  now: Date,
  id: string,
  to: 'approved' | 'denied',
  by: Decider,
  note: string,
  settings: { vendorName: string; accessGrantDays: number },
): Promise<DecisionResult> {
  const from = (Object.keys(TRANSITIONS) as AccessRequestStatus[]).filter((s) => TRANSITIONS[s].includes(to));
  const [request] = await tx
    .update(accessRequests)
    .set({
      status: to,
      decidedAt: now,
      decidedBy: 'userId' in by ? by.userId : null,
      decidedByRule: 'rule' in by ? by.rule : null,
      decisionNote: note,
    })
    .where(and(eq(accessRequests.id, id), inArray(accessRequests.status, from)))
    .returning();
  if (!request) {
    const [existing] = await tx.select({ status: accessRequests.status }).from(accessRequests).where(eq(accessRequests.id, id));
    if (!existing) throw new AppError('not_found', 'There is no such access request.', 404);
    throw new AppError('already_decided', `This request was already ${existing.status}. Nothing was changed.`, 409);
  }
  const decidedBy = 'rule' in by ? by.rule : 'trust_admin';
  await emitEvent(tx, {
    tenantId: null,
    kind: 'rule' in by ? (to === 'approved' ? 'access.auto_approved' : 'access.auto_denied') : to === 'approved' ? 'access.approved' : 'access.denied',
    subject: id,
    reason: note,
    payload: { request: id, decidedBy },
  });
  if (to === 'denied') {
    await queueMail(
      tx,
      refusalMail({ to: request.email, name: request.name, vendorName: settings.vendorName, freeMail: 'rule' in by && by.rule === 'free_mail' }),
    );
    return { id, status: to, decidedAt: now, grant: null };
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + settings.accessGrantDays * DAY);
  const [grant] = await tx
    .insert(accessGrants)
    .values({ accessRequestId: id, email: request.email, tokenHash: hashToken(token), createdAt: now, expiresAt })
    .returning({ id: accessGrants.id, expiresAt: accessGrants.expiresAt });
  const docs = await tx
    .select({ title: documents.title, slug: documents.slug })
    .from(accessRequestDocuments)
    .innerJoin(documents, eq(documents.id, accessRequestDocuments.documentId))
    .where(eq(accessRequestDocuments.accessRequestId, id))
    .orderBy(asc(documents.title));
  await emitEvent(tx, {
    tenantId: null,
    kind: 'access.grant_created',
    subject: grant.id,
    payload: { grant: grant.id, request: id, documents: docs.map((d) => d.slug), expiresAt: grant.expiresAt.toISOString() },
  });
  await queueMail(
    tx,
    grantMail({ to: request.email, name: request.name, vendorName: settings.vendorName, titles: docs.map((d) => d.title), token, expiresAt }),
  );
  return { id, status: to, decidedAt: now, grant };
}

async function byTrustAdmin(db: DbHandle, clock: Clock, actor: Actor, id: string, data: unknown, to: 'approved' | 'denied') {
  assertTrustAdmin(actor);
  const { note } = parseInput(decisionInput, data);
  if (!isUuid(id)) throw new AppError('not_found', 'There is no such access request.', 404);
  const settings = await readPublicSettings(db);
  const staff: StaffActor = actor;
  return withActor(db, staff, (tx) => decide(tx, clock.now(), id, to, { userId: staff.userId }, note, settings));
}

/** A trust admin approves a pending request: a grant for its documents, and the link by e-mail. */
export function approveRequest({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown) {
  return byTrustAdmin(db, clock, actor, id, data, 'approved');
}

/** A trust admin denies a pending request: the reviewer gets a polite refusal. */
export function denyRequest({ db, clock, actor }: Ctx<Actor>, id: string, data: unknown) {
  return byTrustAdmin(db, clock, actor, id, data, 'denied');
}

/** The portal applies a rule's decision to a request just filed (the SYSTEM actor). */
export async function decideByRule(db: DbHandle, clock: Clock, id: string, decision: 'approve' | 'deny', rule: RuleDecider, reason: string) {
  const settings = await readPublicSettings(db);
  return withActor(db, SYSTEM, (tx) => decide(tx, clock.now(), id, decision === 'approve' ? 'approved' : 'denied', { rule }, reason, settings));
}
