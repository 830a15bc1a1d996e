import { htmlNotice, wantsHtml } from './html-notice';
import { jsonError } from './respond';

interface Refusal {
  status: number;
  /** The JSON error code. */
  code: string;
  /** The page's heading. */
  title: string;
  message: string;
  /** Where the page sends the reader next (default: the documents). */
  link?: { href: string; label: string };
}

/** Says no with the same message to both: a page for a browser, JSON for a program. */
export function refusal(request: { headers: Headers }, { status, code, title, message, link }: Refusal): Response {
  return wantsHtml(request) ? htmlNotice(status, title, message, link ? { link } : {}) : jsonError(code, message, status);
}
