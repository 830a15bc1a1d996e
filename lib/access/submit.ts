import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { accessRequestDocuments, accessRequests, documents, ndaAcceptances } from '@/drizzle/schema';
import { ANONYMOUS } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import { type DbHandle, withActor } from '@/lib/db/with-actor';
import { parseInput } from '@/lib/core/parse-input';
import { SLUG_PATTERN } from '@/lib/core/parse-input';
import { emitEvent } from '@/lib/governance/emit';
import { AppError } from '@/lib/core/errors';
import { queueMail } from '@/lib/mail/outbox';
import { readPublicSettings } from '@/lib/portal/settings';
import { renderAcceptancePdf } from './acceptance-pdf';
import { decideByRule } from './decide';
import { outcomeFor } from './domain-rules';
import { adminNoticeMail, receivedMail } from './mails';
import { currentNda } from './nda';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const EMAIL = 'Enter your work e-mail address, for example jane@company.com.';

// Each field's description is what the documents page says when the form comes back with its code.
export const accessRequestInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(200, 'Your name can be at most 200 characters.').describe('Enter your name.'),
  email: z.string().trim().toLowerCase().pipe(z.email(EMAIL).max(254, 'The e-mail address is too long.')).describe(EMAIL),
  company: z
    .string()
    .trim()
    .min(1, 'Enter your company’s name.')
    .max(200, 'The company name can be at most 200 characters.')
    .describe('Enter your company’s name.'),
  reason: z
    .string()
    .trim()
    .min(1, 'Tell us why you need the documents.')
    .max(2000, 'The reason can be at most 2,000 characters.')
    .describe('Tell us why you need the documents (at most 2,000 characters).'),
  documents: z
    .array(z.string().regex(SLUG_PATTERN, 'Choose documents from the list.'), { message: 'Choose at least one document.' })
    .min(1, 'Choose at least one document.')
    .max(50, 'Choose at most 50 documents.')
    .transform((slugs) => [...new Set(slugs)])
    .describe('Choose at least one of the confidential documents listed in the form.'),
  ndaVersionId: z.preprocess(blankToUndefined, z.uuid('The NDA version is not valid. Reload the page and accept the NDA again.').optional()),
  ndaSha256: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'The NDA fingerprint is missing. Reload the page and accept the NDA again.')
      .optional(),
  ),
  typedName: z.preprocess(blankToUndefined, z.string().trim().max(200, 'Type your name as your signature (at most 200 characters).').optional()),
  acceptNda: z.preprocess(
    blankToUndefined,
    z
      .union([z.boolean(), z.enum(['on', 'true', 'false'])])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  ),
});
export type AccessRequestInput = z.infer<typeof accessRequestInput>;

/** An HTML form sends one checkbox per document, named `document:<slug>`. */
export function fromForm(fields: Record<string, unknown>): Record<string, unknown> {
  const documents: string[] = [];
  const out: Record<string, unknown> = { documents };
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('document:')) documents.push(key.slice('document:'.length));
    else out[key] = value;
  }
  return out;
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  /** Who hears of every request: the trust admins. */
  notify: string[];
}

export type SubmitResult = { id: string; status: 'approved' | 'denied' | 'pending' };

/**
 * A reviewer asks for gated documents. Unless the domain has a signed mutual NDA, they accept
 * the current NDA: the version and SHA-256 they were shown, their typed name, time, IP and
 * user agent are recorded, and a PDF of that record goes to them and to the trust admins.
 * The request is filed as the public (pending); then a rule's decision, if any, is applied by
 * the portal's own work, through the same state machine a trust admin uses.
 */
export async function submitAccessRequest(db: DbHandle, clock: Clock, data: unknown, context: RequestContext): Promise<SubmitResult> {
  const input = parseInput(accessRequestInput, data);

  const wanted = await withActor(
    db,
    ANONYMOUS,
    (tx) =>
      tx
        .select({ id: documents.id, slug: documents.slug, title: documents.title, visibility: documents.visibility })
        .from(documents)
        .where(and(inArray(documents.slug, input.documents), isNull(documents.archivedAt))),
    { readOnly: true },
  );
  if (wanted.length !== input.documents.length) {
    throw new AppError('invalid_documents', 'One of the documents you chose is no longer offered. Reload the page and choose again.', 400);
  }
  const open = wanted.find((d) => d.visibility === 'public');
  if (open) throw new AppError('invalid_documents', `“${open.title}” is public: download it directly, no request needed.`, 400);

  const outcome = await outcomeFor(
    db,
    input.email,
    wanted.some((d) => d.visibility === 'restricted'),
  );
  const now = clock.now();
  const settings = await readPublicSettings(db);

  let acceptance: { id: string; versionId: string; sha256: string; typedName: string; pdf: Buffer } | null = null;
  if (!outcome.mutualNda) {
    const nda = await currentNda(db);
    if (!nda) throw new AppError('nda_unavailable', 'Access requests open once the NDA is published. Please try again later.', 409);
    if (!input.acceptNda) throw new AppError('nda_not_accepted', 'Read the NDA and tick “I accept” to continue.', 400);
    if (!input.typedName || !sameName(input.typedName, input.name)) {
      throw new AppError('typed_name_mismatch', 'Type your full name exactly as in the Name field to sign the NDA.', 400);
    }
    // The SHA-256 is what binds an acceptance to a text: the reviewer accepted exactly the
    // current version's text, or nothing. (A version id from a page cached before a database
    // was reset can differ while the text is the same; the current version's id is recorded.)
    if (input.ndaSha256 !== nda.sha256) {
      throw new AppError('nda_changed', 'A new version of the NDA was published while you were reading. Reload the page, read it and accept it.', 409);
    }
    const id = randomUUID();
    const pdf = await renderAcceptancePdf({
      acceptanceId: id,
      vendorName: settings.vendorName,
      ndaTitle: nda.title,
      ndaVersion: nda.version,
      ndaSha256: nda.sha256,
      ndaBody: nda.body,
      typedName: input.typedName,
      email: input.email,
      company: input.company,
      acceptedAt: now,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    acceptance = { id, versionId: nda.id, sha256: nda.sha256, typedName: input.typedName, pdf };
  }

  const requestId = randomUUID();
  const titles = wanted.map((d) => d.title).sort((a, b) => a.localeCompare(b));
  const attachment = acceptance ? { filename: `nda-acceptance-${acceptance.id}.pdf`, content: acceptance.pdf } : undefined;
  // Filed as the public, which may add rows but not read them back: ids are chosen here.
  await withActor(db, ANONYMOUS, async (tx) => {
    if (acceptance) {
      await tx.insert(ndaAcceptances).values({
        id: acceptance.id,
        ndaVersionId: acceptance.versionId,
        ndaSha256: acceptance.sha256,
        typedName: acceptance.typedName,
        email: input.email,
        company: input.company,
        acceptedAt: now,
        ip: context.ip,
        userAgent: context.userAgent,
      });
    }
    await tx.insert(accessRequests).values({
      id: requestId,
      name: input.name,
      email: input.email,
      company: input.company,
      reason: input.reason,
      ndaAcceptanceId: acceptance?.id ?? null,
      ip: context.ip,
      userAgent: context.userAgent,
      createdAt: now,
    });
    await tx.insert(accessRequestDocuments).values(wanted.map((d) => ({ accessRequestId: requestId, documentId: d.id })));
    // The reviewer's name, e-mail and company stay in the request: the log holds ids only.
    if (acceptance) {
      await emitEvent(tx, {
        tenantId: null,
        kind: 'access.nda_accepted',
        subject: acceptance.id,
        payload: { acceptance: acceptance.id, request: requestId, ndaVersion: acceptance.versionId, ndaSha256: acceptance.sha256 },
      });
    }
    await emitEvent(tx, {
      tenantId: null,
      kind: 'access.requested',
      subject: requestId,
      payload: {
        request: requestId,
        documents: wanted.map((d) => d.slug).sort(),
        ndaAcceptance: acceptance?.id ?? null,
        mutualNda: outcome.mutualNda,
        rules: outcome.decision,
      },
    });
    await queueMail(tx, receivedMail({ to: input.email, name: input.name, vendorName: settings.vendorName, titles, outcome: outcome.decision, attachment }));
    for (const to of context.notify) {
      await queueMail(tx, adminNoticeMail({ to, request: input, titles, outcome, mutualNda: outcome.mutualNda, attachment }));
    }
  });

  if (outcome.decidedBy && outcome.decision !== 'review') {
    const decided = await decideByRule(db, clock, requestId, outcome.decision, outcome.decidedBy, outcome.reason);
    return { id: requestId, status: decided.status };
  }
  return { id: requestId, status: 'pending' };
}
