import postgres from 'postgres';

const REDIAL_MS = 250;

/**
 * Whether the PostgreSQL server is up, watched over one connection of its own: the server
 * closes every connection when it stops, so the watch learns of it at once, then dials again
 * every quarter second until it answers. Reading the flag costs no round trip, so the request
 * path can consult it on every request.
 */
export function watchDatabase(url: string): () => boolean {
  let up = true;
  void (async () => {
    for (;;) {
      let closed!: () => void;
      const ended = new Promise<void>((resolve) => (closed = resolve));
      const sql = postgres(url, {
        max: 1,
        idle_timeout: 0,
        max_lifetime: null,
        connect_timeout: 2,
        fetch_types: false,
        onnotice: () => {},
        onclose: () => closed(),
        connection: { application_name: 'trust-center-watch' },
      });
      try {
        await sql`select 1`;
        up = true;
        await ended;
      } catch {
        // Not reachable: try again shortly.
      }
      up = false;
      await sql.end({ timeout: 0 }).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, REDIAL_MS).unref());
    }
  })();
  return () => up;
}
