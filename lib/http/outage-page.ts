// What a browser is shown while the database is away: a page of its own, with only its own
// styles (allowed by their hash), so that it needs nothing the app would render.

const STYLE =
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f8fafc;color:#0f172a}main{max-width:36rem;margin:5rem auto;padding:0 1rem;text-align:center}h1{font-size:1.75rem;margin:0 0 .75rem}p{color:#334155;line-height:1.5}a{color:#1d4ed8}';

export const OUTAGE_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable · Trust Center</title><style>${STYLE}</style></head>
<body>
<main>
<h1>The Trust Center is temporarily unavailable</h1>
<p>The service cannot reach its database right now. Nothing you did caused this. Try again in a minute: <a href="">reload this page</a>.</p>
</main>
</body>
</html>
`;

/** Seconds a client is asked to wait before trying again. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** The page's policy: nothing but its own styles, no script, no framing. */
export async function outagePolicy(): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
