// A page's search params as Next.js hands them over: a name given once is a string, a name
// given several times an array, a missing one undefined. Read them only through these
// functions, so that every page agrees on what a repeated parameter means.
// (In lib/core rather than lib/http: data modules such as lib/governance read them too.)

/** A page's search params, once awaited. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** What a page receives as `searchParams`. */
export type PageSearchParams = Promise<SearchParams>;

type ParamValue = string | string[] | undefined;

/**
 * The value when the parameter was given exactly once; a repeated one counts as absent.
 * For the codes forms redirect with (`?error=`, `?saved=`): something made up is ignored.
 */
export function singleParam(value: ParamValue): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first value, repeated or not. For filters typed by people (`?q=`, `?from=`). */
export function firstParam(value: ParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The page number (`?page=`): the first value when it is a whole number from 1 to 100,000, else 1. */
export function pageParam(value: ParamValue): number {
  const n = Number(firstParam(value));
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
