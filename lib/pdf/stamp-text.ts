import { formatDateTime } from '@/lib/core/dates';
/** Whom a copy was issued to, and when: what its stamp says. */
export interface StampFacts {
  email: string;
  company: string;
  grantId: string;
  issuedAt: Date;
}

/** The company as the margin line shows it: one line, and a very long name cut short (the metadata keeps it whole). */
const MAX_VISIBLE_COMPANY = 80;

/** The sentence printed on every page and kept in the metadata. */
export function stampSentence(facts: StampFacts, { visible = false } = {}): string {
  let company = facts.company.replace(/\s+/g, ' ').trim();
  if (visible && company.length > MAX_VISIBLE_COMPANY) company = `${company.slice(0, MAX_VISIBLE_COMPANY - 1)}…`;
  const who = company ? `${facts.email} (${company})` : facts.email;
  return `Issued to ${who} on ${formatDateTime(facts.issuedAt)} · grant ${facts.grantId} · Confidential, do not redistribute`;
}

/**
 * Breaks the text into lines no wider than `max`, between words where it can; a word wider
 * than a line (a very long address) is broken between characters.
 */
export function wrapText(text: string, max: number, widthOf: (s: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  const push = (word: string) => {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOf(candidate) <= max) {
      current = candidate;
      return;
    }
    if (current) lines.push(current);
    current = '';
    if (widthOf(word) <= max) {
      current = word;
      return;
    }
    let piece = '';
    for (const ch of word) {
      if (piece && widthOf(piece + ch) > max) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  };
  for (const word of text.split(' ').filter(Boolean)) push(word);
  if (current) lines.push(current);
  return lines;
}
