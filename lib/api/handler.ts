import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { requireApiActor, requireApiTrustAdmin } from '@/lib/auth/request';
import type { CustomerActor, ServiceActor, StaffActor } from '@/lib/core/actor';
import { systemClock } from '@/lib/core/clock';
import { AppError } from '@/lib/core/errors';
import { parseInput } from '@/lib/core/parse-input';
import { type Database, getDatabase } from '@/lib/db';
import type { Ctx as DataCtx } from '@/lib/db/ctx';
import { type Answer, answer, answerError, formBack } from '@/lib/http/answer';
import { refuseStartedElsewhere, startedElsewhere } from '@/lib/http/recorded-read';
import { authenticateService } from '@/lib/integration/authenticate';
import type { ServiceScope } from '@/lib/integration/scopes';
import { readBody, route } from '@/lib/http/route';

/**
 * Who may call a handler, checked before anything else is read:
 * - `public`: anyone, signed in or not (no session is looked up);
 * - `signed-in`: any signed-in user, staff or customer (401 signed out); the action itself
 *   checks roles it needs (lockbox approvers, break-glass holders, customer admins, ...);
 * - `staff` / `customer`: signed-in vendor staff / a tenant's users only (403 for the others);
 * - `trust-admin`: the vendor's trust admins only (401 signed out, 403 anyone else);
 * - `service`: one of the vendor's systems, by its service account's secret, holding `scope`
 *   (the machine API under /api/v1/: 401 without a live secret, 403 without the scope).
 */
export type Access = 'public' | 'signed-in' | 'staff' | 'customer' | 'trust-admin' | 'service';

export type ActorOf<A extends Access> = A extends 'public'
  ? null
  : A extends 'staff' | 'trust-admin'
    ? StaffActor
    : A extends 'customer'
      ? CustomerActor
      : A extends 'service'
        ? ServiceActor
        : CustomerActor | StaffActor;

/** What every handler and the data functions it calls work with: the database, the clock, who asks. */
export type Ctx<A = CustomerActor | StaffActor> = DataCtx<A> & { db: Database };

/** How a browser's form post is told apart from a program, and where it goes back to. */
export interface FormOptions<A extends Access, P> {
  /** The form's page: failures go back there with `?error=<code>` (a `back` field may name another console page). */
  back: string | ((args: { actor: ActorOf<A>; params: P; data: unknown }) => string);
  /**
   * `urlencoded` (the default): the body is form-encoded; `html`: the browser accepts HTML
   * (uploads); `multipart`: a multipart body; `always`: only forms post here.
   */
  when?: 'urlencoded' | 'html' | 'multipart' | 'always';
  /** Answers a failed form post some other way (keeping what was typed); null: the usual. */
  error?: (error: unknown, args: { back: string; data: unknown }) => Response | null;
  /** Refusals of who may call go back to the form too (a page whose only action this is). */
  refusalsToo?: boolean;
}

export interface HandlerOptions<A extends Access, P, I extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  access: A;
  /** For `service`: the scope the service account must hold. */
  scope?: ServiceScope;
  /** For `staff` and `customer`: the refusal others get (default: `forbidden`). */
  refused?: { code: string; message: string };
  /**
   * A read recorded in a governance chain: refused when another site started the request
   * (lib/http/recorded-read.ts), before anything else.
   */
  recordedRead?: boolean;
  /** A rate limit checked before the body is read: its answer, or null to go on. */
  limit?: (request: NextRequest) => Promise<Response | null>;
  /**
   * `json-or-form`: the body is read (form fields or JSON, at most `maxBody` bytes);
   * `none` (the default without `input`): the handler reads it itself, if at all.
   */
  body?: 'json-or-form' | 'none';
  maxBody?: number;
  /** The body's schema: its first problem is a 400 `invalid_<field>` (lib/core/parse-input.ts). */
  input?: I;
  /** The query string's schema, likewise. */
  query?: Q;
  /** Whether the handler needs the database (default true; cached public reads do not). */
  db?: boolean;
  form?: FormOptions<A, P>;
}

export interface HandlerArgs<_A extends Access, P, I, Q> {
  request: NextRequest;
  params: P;
  input: I;
  query: Q;
  /** The body as read (json-or-form), for actions that validate it themselves. */
  data: unknown;
  /** Whether a browser's form posted (answered with a redirect). */
  form: boolean;
  /** The form's page. */
  back: string;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

const FORM_TYPE = 'application/x-www-form-urlencoded';

function isForm(request: NextRequest, when: FormOptions<Access, unknown>['when'] = 'urlencoded'): boolean {
  const type = request.headers.get('content-type') ?? '';
  switch (when) {
    case 'always':
      return true;
    case 'html':
      return (request.headers.get('accept') ?? '').includes('text/html');
    case 'multipart':
      return type.startsWith('multipart/form-data');
    case 'urlencoded':
      return type.startsWith(FORM_TYPE);
  }
}

/** The context of a request: who asks (as `access` requires, or a 401/403), the database and the clock. */
export async function buildContext<A extends Access>(
  request: NextRequest,
  access: A,
  { refused, db = true, scope }: { refused?: { code: string; message: string }; db?: boolean; scope?: ServiceScope } = {},
): Promise<Ctx<ActorOf<A>>> {
  if (access === 'service') {
    if (!scope) throw new Error('a service handler names the scope it needs');
    const database = await getDatabase();
    return { db: database, clock: systemClock, actor: (await authenticateService(database, request, scope)) as ActorOf<A> };
  }
  const actor = await actorFor(request, access, refused);
  return { db: db ? await getDatabase() : (undefined as unknown as Database), clock: systemClock, actor: actor as ActorOf<A> };
}

async function actorFor(request: NextRequest, access: Exclude<Access, 'service'>, refused = { code: 'forbidden', message: 'You cannot do this.' }) {
  switch (access) {
    case 'public':
      return null;
    case 'signed-in':
      return requireApiActor(request);
    case 'trust-admin':
      return requireApiTrustAdmin(request);
    case 'staff':
    case 'customer': {
      const actor = await requireApiActor(request);
      if (actor.kind !== access) throw new AppError(refused.code, refused.message, 403);
      return actor;
    }
  }
}

/**
 * A route handler: who may call it, what it reads, and what it does, in the spirit of
 * `route()` (same-origin checks, one error mapping, refusals recorded) with the rest in one
 * place. `run` gets `ctx = { db, clock, actor }` and answers an {@link Answer} (JSON for
 * programs, a redirect for forms: {@link answer}) or, for a file or a stream, a Response.
 */
export function handler<A extends Access, P = Record<string, never>, I extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: HandlerOptions<A, P, I, Q>,
  run: (ctx: Ctx<ActorOf<A>>, args: HandlerArgs<A, P, Out<I>, Out<Q>>) => Promise<Answer | Response>,
) {
  return route<{ params: Promise<P> }>(async (request, context) => {
    if (options.recordedRead && startedElsewhere(request)) return refuseStartedElsewhere(request);
    const form = options.form ? isForm(request, options.form.when) : false;
    const params = (await context?.params) ?? ({} as P);
    const ctxPromise = () => buildContext(request, options.access, { refused: options.refused, db: options.db, scope: options.scope });
    let ctx = options.form?.refusalsToo ? undefined : await ctxPromise();
    if (options.limit) {
      const limited = await options.limit(request);
      if (limited) return limited;
    }
    const reads = options.body === 'json-or-form' || options.input !== undefined;
    const data = reads ? (await readBody(request, options.maxBody)).data : undefined;
    const backOf = (actor: unknown) =>
      options.form
        ? formBack(data, typeof options.form.back === 'string' ? options.form.back : options.form.back({ actor: actor as ActorOf<A>, params, data }))
        : '';
    let back = ctx ? backOf(ctx.actor) : '';
    try {
      ctx ??= await ctxPromise();
      back = backOf(ctx.actor);
      const input = (options.input ? parseInput(options.input, data) : undefined) as Out<I>;
      const query = (options.query ? parseInput(options.query, Object.fromEntries(request.nextUrl.searchParams)) : undefined) as Out<Q>;
      const outcome = await run(ctx, { request, params, input, query, data, form, back });
      return outcome instanceof Response ? outcome : answer(form, back, outcome);
    } catch (error) {
      if (!form) throw error;
      if (!back) back = backOf(null);
      return options.form?.error?.(error, { back, data }) ?? answerError(back, error);
    }
  });
}
