// Plain HTTP for the matrix: no cookie jar (each request carries exactly the cookies of its
// actor, and a Set-Cookie in one answer never leaks into another actor's requests), no
// redirects followed, and every request from its own client address so that the app's rate
// limits never trip.

export interface Answer {
  status: number;
  location: string | null;
  contentType: string;
  text: string;
  setCookies: string[];
}

let clientCounter = 0;

/** A client address nobody else uses (the app believes X-Forwarded-For behind TRUST_PROXY). */
export function nextClientAddress(): string {
  clientCounter += 1;
  const n = clientCounter;
  return `10.${77 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  { cookie, body, headers = {} }: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const init: RequestInit = {
    method,
    redirect: 'manual',
    headers: {
      'X-Forwarded-For': nextClientAddress(),
      ...(cookie ? { Cookie: cookie } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  };
  const response = await fetch(`${baseUrl}${path}`, init);
  const buffer = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    location: response.headers.get('location'),
    contentType: response.headers.get('content-type') ?? '',
    text: buffer.toString('utf8'),
    setCookies: response.headers.getSetCookie(),
  };
}

/** `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiePairs(setCookies: string[]): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) pairs[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return pairs;
}

export function cookieHeader(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}
