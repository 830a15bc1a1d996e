import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/core/errors';

// The Directory Sync events this app applies, read from the body WorkOS signed (snake_case, as
// on the wire) and turned into what lib/identity/directory-sync.ts takes. Fields the app does
// not use are ignored; every one it uses is checked here, so nothing past this point meets a
// value it cannot handle.

const id = z.string().min(1).max(200);
const address = z.email().max(254);

/** An ISO 8601 instant that JavaScript and PostgreSQL can both hold (four-digit year, real month and day). */
const instant = z.iso
  .datetime({ offset: true, error: 'is not a valid ISO 8601 date and time' })
  .max(100)
  .refine((s) => Number.isFinite(Date.parse(s)), 'is not a valid date');

const emailEntry = z.object({ value: z.string().max(320), primary: z.boolean().nullish() });

/**
 * A Directory User. WorkOS's Directory User object once carried its addresses only in `emails[]`
 * (and still documents it so); newer payloads add a top-level `email`. Without `email`, the
 * primary entry of `emails[]` is the address, else the first. A user without any address cannot
 * sign in and can only be removed.
 */
const user = z
  .object({
    id,
    directory_id: id,
    email: z.string().max(320).nullish(),
    emails: z.array(emailEntry).max(50).nullish(),
    first_name: z.string().max(200).nullish(),
    last_name: z.string().max(200).nullish(),
    state: z.string().min(1).max(50),
    updated_at: instant.nullish(),
  })
  .transform((u, ctx) => {
    const email = u.email ?? (u.emails?.find((e) => e.primary) ?? u.emails?.[0])?.value ?? null;
    if (email !== null && !address.safeParse(email).success) {
      ctx.issues.push({ code: 'custom', message: 'is not a valid e-mail address', path: [u.email ? 'email' : 'emails'], input: email });
      return z.NEVER;
    }
    return { id: u.id, directoryId: u.directory_id, email, firstName: u.first_name, lastName: u.last_name, state: u.state, updatedAt: u.updated_at };
  });

const deletedUser = z
  .object({ id, directory_id: id, updated_at: instant.nullish() })
  .transform((u) => ({ id: u.id, directoryId: u.directory_id, updatedAt: u.updated_at }));

const group = z.object({ id, directory_id: id, name: z.string().min(1).max(200) }).transform((g) => ({ id: g.id, directoryId: g.directory_id, name: g.name }));

const deletedGroup = z.object({ id, directory_id: id }).transform((g) => ({ id: g.id, directoryId: g.directory_id }));

const membership = z.object({ directory_id: id, user, group }).transform((m) => ({ directoryId: m.directory_id, user: m.user, group: m.group }));

const base = { id };

const directoryEvent = z.discriminatedUnion('event', [
  z.object({ ...base, event: z.enum(['dsync.user.created', 'dsync.user.updated']), data: user }),
  z.object({ ...base, event: z.literal('dsync.user.deleted'), data: deletedUser }),
  z.object({ ...base, event: z.enum(['dsync.group.created', 'dsync.group.updated']), data: group }),
  z.object({ ...base, event: z.literal('dsync.group.deleted'), data: deletedGroup }),
  z.object({ ...base, event: z.enum(['dsync.group.user_added', 'dsync.group.user_removed']), data: membership }),
  z.object({ ...base, event: z.literal('dsync.deleted'), data: z.object({ id }) }),
]);

export type DirectoryEvent = z.infer<typeof directoryEvent>;
export type DirectoryUser = z.infer<typeof user>;

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

/**
 * The Directory Sync event in a verified body; null for any other event (such as dsync.activated),
 * which the app has no use for. A handled event that does not fit is refused whole, naming the
 * fields at fault (never their values).
 */
export function parseDirectoryEvent(rawBody: string): DirectoryEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError('invalid_request', 'The webhook body is not valid JSON.', 400);
  }
  const name = (body as { event?: unknown } | null)?.event;
  if (typeof name !== 'string' || !HANDLED.has(name)) return null;
  const parsed = directoryEvent.safeParse(body);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')} ${i.message}` : i.message)).join('; ');
  throw new AppError('invalid_request', `The webhook body is not a valid Directory Sync event: ${detail}.`, 400);
}
