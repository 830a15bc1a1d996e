import 'server-only';
import { asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type AccessRequestStatus,
  type DocumentVisibility,
  type RuleDecider,
  accessGrants,
  accessRequestDocuments,
  accessRequests,
  documents,
  ndaAcceptances,
  ndaVersions,
  users,
} from '@/drizzle/schema';
import type { Actor } from '@/lib/core/actor';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { type RuleOutcome, customerDomains, decideByRules, emailDomain, listDomainRules, domainAndParents } from './domain-rules';
import type { DbActor } from '@/lib/db/ctx';

export interface QueuedRequest {
  id: string;
  name: string;
  email: string;
  company: string;
  reason: string;
  status: AccessRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedByRule: RuleDecider | null;
  decisionNote: string;
  /** The NDA version accepted, or null when a signed mutual NDA covered the request. */
  ndaVersion: number | null;
  documents: { slug: string; title: string; visibility: DocumentVisibility }[];
  grant: { id: string; expiresAt: Date; revokedAt: Date | null } | null;
  /** For pending requests: why the rules sent it to a person. */
  ruleOutcome: RuleOutcome | null;
}

/**
 * Access requests for trust admins: `pending` (oldest first, the queue) or `decided`
 * (newest decision first), a page at a time.
 */
export async function listAccessRequests(
  { db, actor }: DbActor<Actor>,
  { view, page = 1, pageSize = 20 }: { view: 'pending' | 'decided'; page?: number; pageSize?: number },
) {
  assertTrustAdmin(actor);
  const where = view === 'pending' ? eq(accessRequests.status, 'pending') : ne(accessRequests.status, 'pending');
  const decider = alias(users, 'decider');
  const { rows, total, docs } = await withActor(
    db,
    actor,
    async (tx) => {
      const [{ total }] = await tx.select({ total: count() }).from(accessRequests).where(where);
      const rows = await tx
        .select({
          request: accessRequests,
          decidedByName: decider.name,
          ndaVersion: ndaVersions.version,
          grantId: accessGrants.id,
          grantExpiresAt: accessGrants.expiresAt,
          grantRevokedAt: accessGrants.revokedAt,
        })
        .from(accessRequests)
        .leftJoin(decider, eq(decider.id, accessRequests.decidedBy))
        .leftJoin(ndaAcceptances, eq(ndaAcceptances.id, accessRequests.ndaAcceptanceId))
        .leftJoin(ndaVersions, eq(ndaVersions.id, ndaAcceptances.ndaVersionId))
        .leftJoin(accessGrants, eq(accessGrants.accessRequestId, accessRequests.id))
        .where(where)
        .orderBy(...(view === 'pending' ? [asc(accessRequests.createdAt), asc(accessRequests.id)] : [desc(accessRequests.decidedAt), desc(accessRequests.id)]))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const docs = rows.length
        ? await tx
            .select({ requestId: accessRequestDocuments.accessRequestId, slug: documents.slug, title: documents.title, visibility: documents.visibility })
            .from(accessRequestDocuments)
            .innerJoin(documents, eq(documents.id, accessRequestDocuments.documentId))
            .where(
              inArray(
                accessRequestDocuments.accessRequestId,
                rows.map((r) => r.request.id),
              ),
            )
            .orderBy(asc(documents.title))
        : [];
      return { rows, total: Number(total), docs };
    },
    { readOnly: true },
  );

  // What the rules say now about each pending request's domain.
  const pendingDomains = [...new Set(rows.filter((r) => r.request.status === 'pending').map((r) => emailDomain(r.request.email)))];
  const rules = pendingDomains.length ? await listDomainRules({ db, actor }) : [];
  const tenants = await customerDomains(db, pendingDomains);

  const items: QueuedRequest[] = rows.map(({ request: r, ...j }) => {
    const mine = docs.filter((d) => d.requestId === r.id).map(({ requestId: _, ...d }) => d);
    const domain = emailDomain(r.email);
    const candidates = domainAndParents(domain);
    const rule = rules.filter((x) => candidates.includes(x.domain)).sort((a, b) => b.domain.length - a.domain.length)[0] ?? null;
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      company: r.company,
      reason: r.reason,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      decidedBy: j.decidedByName,
      decidedByRule: r.decidedByRule,
      decisionNote: r.decisionNote,
      ndaVersion: j.ndaVersion,
      documents: mine,
      grant: j.grantId ? { id: j.grantId, expiresAt: j.grantExpiresAt!, revokedAt: j.grantRevokedAt } : null,
      ruleOutcome:
        r.status === 'pending'
          ? decideByRules({ domain, rule, tenantDomain: tenants.has(domain), restricted: mine.some((d) => d.visibility === 'restricted') })
          : null,
    };
  });
  return { items, total };
}

/** How many requests wait for a decision (for the admin navigation and dashboard). */
export async function countPendingRequests(db: DbHandle, actor: Actor): Promise<number> {
  assertTrustAdmin(actor);
  const [{ n }] = await withActor(db, actor, (tx) => tx.select({ n: count() }).from(accessRequests).where(eq(accessRequests.status, 'pending')), {
    readOnly: true,
  });
  return Number(n);
}
