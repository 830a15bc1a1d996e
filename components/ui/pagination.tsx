/** Previous / next links for a list shown `pageSize` at a time; `page` starts at 1. */
export function Pagination({
  basePath,
  page,
  pageSize,
  total,
  params = {},
}: {
  basePath: string;
  page: number;
  pageSize: number;
  total: number;
  params?: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (p: number) => {
    const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
    search.set('page', String(p));
    return `${basePath}?${search}`;
  };
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <a href={href(page - 1)} className="text-brand-700 hover:underline">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {Math.min(page, pages)} of {pages}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} className="text-brand-700 hover:underline">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Kept for the route handlers that still import it from here; read it from lib/core/search-params. */
export { pageParam } from '@/lib/core/search-params';
