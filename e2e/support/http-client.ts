// A bare HTTP client for specs that talk to servers they started themselves: one session
// cookie, sent by hand, so that a test decides which server sees which cookie (a browser-like
// cookie jar would share a 127.0.0.1 cookie across every port).

export interface Answer {
  /** The HTTP status, or 0 when no answer came (connection refused or reset, timeout). */
  status: number;
  text: string;
  headers: Headers;
  /** How long it took, in milliseconds. */
  ms: number;
  /** Why no answer came, when status is 0. */
  failure?: string;
}

export function json<T = Record<string, unknown>>(answer: Answer): T {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw new Error(`expected JSON, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
}

export class Client {
  constructor(
    public baseUrl: string,
    public cookie = '',
    /** Sent with every request (e.g. X-Forwarded-For). */
    public headers: Record<string, string> = {},
  ) {}

  /** The same session (or none) against another server. */
  on(baseUrl: string) {
    return new Client(baseUrl, this.cookie, this.headers);
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Answer> {
    const started = Date.now();
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          ...this.headers,
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, text, headers: response.headers, ms: Date.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { status: 0, text: '', headers: new Headers(), ms: Date.now() - started, failure: `${String(error)}${cause ? ` (${cause})` : ''}` };
    }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.send('GET', path, undefined, headers);
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.send('POST', path, body, headers);
  }
}

/** Demo sign-in on baseUrl; the client carries the session cookie it set. */
export async function signedIn(baseUrl: string, email: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client(baseUrl, '', headers);
  const answer = await client.post('/api/auth/demo', { email });
  if (answer.status !== 200) throw new Error(`demo sign-in of ${email} failed: ${answer.status} ${answer.text.slice(0, 300)}`);
  client.cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return client;
}
