/**
 * A request's path as its route's pattern: each segment that is a dynamic parameter's value
 * becomes `[name]` (`/api/lockbox/requests/[id]/approve`), so what is recorded holds no ids,
 * slugs or tokens of the request, and the query is dropped.
 */
export function pathPattern(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split('/');
  const decoded = segments.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const pending = Object.entries(params).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v) => ({ name: `...${name}`, value: v })) : [{ name, value }],
  );
  // Right to left: a parameter's segment comes after the static segments it could resemble.
  for (let i = segments.length - 1; i > 0 && pending.length > 0; i--) {
    const at = pending.findLastIndex((p) => p.value === decoded[i]);
    if (at < 0) continue;
    segments[i] = `[${pending[at].name}]`;
    pending.splice(at, 1);
  }
  return segments.join('/').replace(/\[(\.\.\.[^\]]+)\](\/\[\1\])+/g, '[$1]');
}
