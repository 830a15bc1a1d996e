import { type SearchParams, firstParam } from '@/lib/core/search-params';
import { z } from 'zod';
import { ACTOR_KINDS, categoryById, EVENT_CATEGORIES } from './categories';
import type { EventFilter } from './list';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY, 'Dates are YYYY-MM-DD.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'That date does not exist.');

const schema = z.object({
  category: z.enum(EVENT_CATEGORIES.map((c) => c.id) as [string, ...string[]], 'Choose a kind of event from the list.').optional(),
  actor: z.enum(ACTOR_KINDS.map((a) => a.value) as [string, ...string[]], 'Choose who acted from the list.').optional(),
  from: day.optional(),
  to: day.optional(),
});

export type TimelineQuery = z.infer<typeof schema>;

/**
 * A timeline's filters from the page's search params. Empty fields are no filter; a bad one is
 * reported and left out, so the page still shows the chain.
 */
export function parseTimelineQuery(params: SearchParams): { query: TimelineQuery; problems: string[] } {
  const raw = Object.fromEntries(
    ['category', 'actor', 'from', 'to'].map((k) => {
      const v = params[k];
      const s = firstParam(v);
      return [k, s ? s.slice(0, 100) : undefined];
    }),
  );
  const query: TimelineQuery = {};
  const problems: string[] = [];
  for (const key of Object.keys(schema.shape) as (keyof TimelineQuery)[]) {
    const result = schema.shape[key].safeParse(raw[key]);
    if (result.success) query[key] = result.data;
    else problems.push(result.error.issues[0].message);
  }
  if (query.from && query.to && query.from > query.to) problems.push('The “from” date is after the “to” date.');
  return { query, problems };
}

/** The list filter for a parsed query: `to` includes the whole day. */
export function eventFilterOf(query: TimelineQuery): EventFilter {
  return {
    kindPrefixes: categoryById(query.category)?.prefixes ?? [],
    actorKinds: query.actor ? [query.actor] : [],
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}
