import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { ACCESS_RULE_DECISIONS, accessDomainRules, identityDomains, type AccessRuleDecision, type RuleDecider } from '@/drizzle/schema';
import { type Actor, SYSTEM } from '@/lib/core/actor';
import { pgErrorCode } from '@/lib/db/raw';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { isUuid, parseInput } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { assertTrustAdmin } from '@/lib/auth/trust-admin';
import { AppError } from '@/lib/core/errors';
import { NOTE_TOO_LONG } from './decide';
import { isFreeMailDomain } from './free-mail';
import type { Ctx, DbActor } from '@/lib/db/ctx';

export const DOMAIN_PATTERN = /^[a-z0-9.-]+\.[a-z]{2,}$/;

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The domain and each parent that is still a registrable-looking name: a.b.example.com → b.example.com → example.com. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

export interface DomainRule {
  id: string;
  domain: string;
  decision: AccessRuleDecision;
  mutualNda: boolean;
  note: string;
  createdAt: Date;
}

/** What the rules say about a request: applied by the portal at once unless the outcome is review. */
export interface RuleOutcome {
  decision: AccessRuleDecision;
  /** Set when a rule decides (approve or deny); null when a person must review. */
  decidedBy: RuleDecider | null;
  /** A signed mutual NDA covers the domain: no click-through needed. */
  mutualNda: boolean;
  /** Why, for the trust admins' queue and the decision record. */
  reason: string;
}

/**
 * The decision table, in order: an explicit rule for the domain (or a parent domain, most
 * specific first); else a customer tenant's domain approves; else a free-mail provider is
 * denied; else review. Restricted documents are never approved by a rule.
 */
export function decideByRules(input: { domain: string; rule: DomainRule | null; tenantDomain: boolean; restricted: boolean }): RuleOutcome {
  const { domain, rule, tenantDomain, restricted } = input;
  let outcome: RuleOutcome;
  if (rule) {
    outcome = {
      decision: rule.decision,
      decidedBy: rule.decision === 'review' ? null : 'domain_rule',
      mutualNda: rule.mutualNda,
      reason: `Domain rule for ${rule.domain}: ${rule.decision}${rule.mutualNda ? ' (mutual NDA on file)' : ''}.`,
    };
  } else if (tenantDomain) {
    outcome = { decision: 'approve', decidedBy: 'tenant_domain', mutualNda: false, reason: `${domain} belongs to a customer.` };
  } else if (isFreeMailDomain(domain)) {
    outcome = { decision: 'deny', decidedBy: 'free_mail', mutualNda: false, reason: `${domain} is a free-mail provider.` };
  } else {
    outcome = { decision: 'review', decidedBy: null, mutualNda: false, reason: `No rule for ${domain}.` };
  }
  if (outcome.decision === 'approve' && restricted) {
    return { ...outcome, decision: 'review', decidedBy: null, reason: `${outcome.reason} Restricted documents always need a person’s review.` };
  }
  return outcome;
}

/** Which of the given domains belong to a customer tenant. */
export async function customerDomains(db: DbHandle, domains: string[]): Promise<Set<string>> {
  if (domains.length === 0) return new Set();
  const rows = await withActor(
    db,
    SYSTEM,
    (tx) =>
      tx.select({ domain: identityDomains.domain, tenantId: identityDomains.tenantId }).from(identityDomains).where(inArray(identityDomains.domain, domains)),
    { readOnly: true },
  );
  return new Set(rows.filter((r) => r.tenantId !== null).map((r) => r.domain));
}

/** The most specific explicit rule for a domain, read by the portal's own work. */
async function ruleFor(db: DbHandle, domain: string): Promise<DomainRule | null> {
  const candidates = domainAndParents(domain);
  const rows = await withActor(db, SYSTEM, (tx) => tx.select().from(accessDomainRules).where(inArray(accessDomainRules.domain, candidates)), {
    readOnly: true,
  });
  return rows.sort((a, b) => b.domain.length - a.domain.length)[0] ?? null;
}

/** The rules' outcome for an e-mail address and the documents asked for. */
export async function outcomeFor(db: DbHandle, email: string, restricted: boolean): Promise<RuleOutcome> {
  const domain = emailDomain(email);
  const [rule, tenants] = await Promise.all([ruleFor(db, domain), customerDomains(db, [domain])]);
  return decideByRules({ domain, rule, tenantDomain: tenants.has(domain), restricted });
}

const DOMAIN = 'Enter a domain such as example.com (no @, no https://).';
const DECISION = 'Choose approve, review or deny.';
const MUTUAL_NDA_DENIED = 'A domain with a signed mutual NDA cannot also be denied. Choose approve or review.';

// Each field's description is what the staff page says when the form comes back with its code.
export const domainRuleInput = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((d) => d.replace(/^@/, ''))
    .pipe(z.string().max(253, 'The domain is too long.').regex(DOMAIN_PATTERN, DOMAIN))
    .describe(DOMAIN),
  decision: z.enum(ACCESS_RULE_DECISIONS, { message: DECISION }).describe(DECISION),
  mutualNda: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true')
    .describe(MUTUAL_NDA_DENIED),
  note: z.string().trim().max(500, 'The note can be at most 500 characters.').default('').describe(NOTE_TOO_LONG),
});

export async function listDomainRules({ db, actor }: DbActor<Actor>): Promise<DomainRule[]> {
  assertTrustAdmin(actor);
  return withActor(db, actor, (tx) => tx.select().from(accessDomainRules).orderBy(asc(accessDomainRules.domain)), { readOnly: true });
}

export async function addDomainRule({ db, clock, actor }: Ctx<Actor>, data: unknown) {
  assertTrustAdmin(actor);
  const input = parseInput(domainRuleInput, data);
  if (input.mutualNda && input.decision === 'deny') {
    throw new AppError('invalid_mutual_nda', MUTUAL_NDA_DENIED, 400);
  }
  const [created] = await withActor(db, actor, async (tx) => {
    const rows = await tx
      .insert(accessDomainRules)
      .values({ domain: input.domain, decision: input.decision, mutualNda: input.mutualNda, note: input.note, createdAt: clock.now(), createdBy: actor.userId })
      .returning();
    await emitEvent(tx, {
      tenantId: null,
      kind: 'access.rule_added',
      subject: rows[0].id,
      reason: input.note,
      payload: { rule: rows[0].id, domain: input.domain, decision: input.decision, mutualNda: input.mutualNda },
    });
    return rows;
  }).catch((error: unknown) => {
    if (pgErrorCode(error) === '23505') throw new AppError('rule_exists', `${input.domain} already has a rule. Remove it first to change it.`, 409);
    throw error;
  });
  return created;
}

export async function removeDomainRule({ db, actor }: DbActor<Actor>, id: string) {
  assertTrustAdmin(actor);
  const notFound = new AppError('not_found', 'There is no such domain rule.', 404);
  if (!isUuid(id)) throw notFound;
  await withActor(db, actor, async (tx) => {
    const [deleted] = await tx
      .delete(accessDomainRules)
      .where(eq(accessDomainRules.id, id))
      .returning({ id: accessDomainRules.id, domain: accessDomainRules.domain, decision: accessDomainRules.decision });
    if (!deleted) throw notFound;
    await emitEvent(tx, {
      tenantId: null,
      kind: 'access.rule_removed',
      subject: deleted.id,
      payload: { rule: deleted.id, domain: deleted.domain, decision: deleted.decision },
    });
  });
}
