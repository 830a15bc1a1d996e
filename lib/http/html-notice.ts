/** Whether a browser sent the request (it is answered with a page or a redirect, not JSON). */
export function wantsHtml(request: { headers: Headers }): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small self-contained page for a browser that followed a link or posted a form and must
 * be refused (403, 404, 429, ...), where a JSON error would be all it showed.
 */
export function htmlNotice(
  status: number,
  title: string,
  message: string,
  {
    headers = {},
    link = { href: '/documents', label: 'Go to the documents' },
  }: { headers?: Record<string, string>; link?: { href: string; label: string } } = {},
): Response {
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Trust Center</title>
<meta name="description" content="${escapeHtml(message)}">
<style>
  body { margin: 0; font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; background: #f8fafc; color: #0f172a; }
  main { max-width: 36rem; margin: 5rem auto; padding: 0 1rem; text-align: center; }
  p.code { color: #2448b0; font-weight: 600; font-size: .875rem; }
  h1 { font-size: 1.75rem; margin: .5rem 0; }
  p { line-height: 1.6; color: #334155; }
  a { display: inline-block; margin-top: 1.5rem; background: #2f5bd3; color: #fff; padding: .5rem 1rem; border-radius: .375rem; text-decoration: none; font-weight: 500; }
  a:focus-visible { outline: 2px solid #2f5bd3; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="code">${status}</p>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>
</main>
</body>
</html>`;
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}
