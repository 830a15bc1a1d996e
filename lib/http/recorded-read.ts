import { refusal } from './refusal';

/**
 * Some reads are recorded in a governance chain (a download of a gated document, an executed
 * DPA, a questionnaire export, a tenant's records). Another site could make a signed-in browser
 * add such events by a mere link or image, so these reads are served only to requests that did
 * not start on another site: the Fetch Metadata header `Sec-Fetch-Site` is `same-origin`, `none`
 * (typed, bookmarked) or absent (programs). A browser that came from elsewhere gets a page with
 * a link to the same address, which, followed from here, is served.
 */
export function startedElsewhere(request: { headers: Headers }): boolean {
  const site = request.headers.get('sec-fetch-site');
  return site === 'cross-site' || site === 'same-site';
}

const MESSAGE =
  'Opening this is recorded in the governance log, so it is served only when asked for from the trust center itself, not from a link on another site.';

export function refuseStartedElsewhere(request: { headers: Headers; url: string }): Response {
  const here = new URL(request.url);
  return refusal(request, {
    status: 403,
    code: 'started_elsewhere',
    title: 'Open it from the trust center',
    message: MESSAGE,
    link: { href: `${here.pathname}${here.search}`, label: 'Open it here' },
  });
}
