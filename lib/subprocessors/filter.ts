import { type SearchParams, firstParam } from '@/lib/core/search-params';
import { countryName, isCountryCode } from './countries';
import type { CurrentSubprocessor } from './timeline';

/** The public list's search and filters, from GET parameters (so they work without JavaScript). */
export interface SubprocessorFilter {
  q: string;
  /** A country code, or '' for any. */
  location: string;
  /** A data category, or '' for any. */
  category: string;
}

export function parseFilter(params: SearchParams): SubprocessorFilter {
  const location = (firstParam(params.location) ?? '').trim().toUpperCase();
  return {
    q: (firstParam(params.q) ?? '').trim().slice(0, 100),
    location: isCountryCode(location) ? location : '',
    category: (firstParam(params.category) ?? '').trim().slice(0, 80),
  };
}

export function isFiltered(f: SubprocessorFilter) {
  return Boolean(f.q || f.location || f.category);
}

/** Matches every word of the search in the name, purpose, data categories, transfer mechanism or locations (codes or names). */
export function filterSubprocessors<T extends CurrentSubprocessor>(list: T[], f: SubprocessorFilter): T[] {
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  const category = f.category.toLowerCase();
  return list.filter((s) => {
    if (f.location && !s.locations.includes(f.location)) return false;
    if (category && !s.dataCategories.some((c) => c.toLowerCase() === category)) return false;
    const haystack = [s.name, s.purpose, s.transferMechanism, ...s.dataCategories, ...s.locations, ...s.locations.map(countryName)].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The locations and data categories that occur in the list, for the filter menus. */
export function filterOptions(list: CurrentSubprocessor[]) {
  const locations = [...new Set(list.flatMap((s) => s.locations))].map((code) => ({ code, name: countryName(code) }));
  const categories = new Map<string, string>();
  for (const c of list.flatMap((s) => s.dataCategories)) if (!categories.has(c.toLowerCase())) categories.set(c.toLowerCase(), c);
  return {
    locations: locations.sort((a, b) => a.name.localeCompare(b.name, 'en')),
    categories: [...categories.values()].sort((a, b) => a.localeCompare(b, 'en')),
  };
}
