/**
 * State that must exist once per process. Next.js loads a module once per bundle (pages,
 * route handlers and instrumentation each get their own copy), so a module-level variable
 * would be several variables. This is the one place that keeps such state, on globalThis
 * under one key: the database handle, and the public portal's in-memory copies. It is shared
 * by the app's own bundles only; no server code outside Next.js reads it.
 */
const KEY = Symbol.for('trust-center.process-state');

export function processState<T>(name: string, create: () => T): T {
  const holder = globalThis as { [KEY]?: Map<string, unknown> };
  const states = (holder[KEY] ??= new Map());
  if (!states.has(name)) states.set(name, create());
  return states.get(name) as T;
}
