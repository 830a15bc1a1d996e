import { config } from '@/lib/core/config';

/**
 * A mail's text with its link: the path the database chose for it, behind this deployment's
 * own address (APP_URL), which no caller of the database can set.
 */
export function textWithLink(text: string, linkPath: string | null): string {
  return linkPath ? `${text}\n\nOpen: ${new URL(linkPath, config().appUrl).href}` : text;
}
