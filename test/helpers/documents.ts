import { plainPdf } from '@/lib/documents/plain-pdf';
import { checkPdf } from '@/lib/documents/pdf-file';
import type { AdminConnection } from '@/lib/db/types';
import type { NewDocumentFields } from '@/lib/documents/schemas';
import { randomBytes } from 'node:crypto';

/** A small valid PDF whose content differs with `text`. */
export function samplePdf(text = `Sample ${randomBytes(4).toString('hex')}`) {
  return plainPdf({ title: text, author: 'Test', sections: [{ paragraphs: [text] }], footer: 'Test', createdAt: new Date('2026-01-01T00:00:00Z') });
}

export function checkedSample(text?: string, filename = 'sample.pdf') {
  // Async: the check includes a trial stamp.
  return checkPdf(samplePdf(text), filename, 'document');
}

export function documentFields(overrides: Partial<NewDocumentFields> = {}): NewDocumentFields {
  return {
    slug: `doc-${randomBytes(4).toString('hex')}`,
    title: 'A test document',
    category: 'Tests',
    description: 'Made by a test.',
    visibility: 'public',
    validUntil: null,
    note: '',
    ...overrides,
  };
}

export async function countRows(admin: AdminConnection, table: string, where = 'true', params: unknown[] = []) {
  const [row] = await admin.transaction((q) => q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params));
  return row.n;
}

/** A published NDA version, inserted directly. */
export async function insertNda(admin: AdminConnection, version: number, body = `NDA body ${version}`) {
  const { ndaSha256 } = await import('@/lib/access/nda');
  const [row] = await admin.transaction((q) =>
    q.query<{ id: string; sha256: string }>('INSERT INTO nda_versions (version, title, body, sha256) VALUES ($1, $2, $3, $4) RETURNING id, sha256', [
      version,
      `Test NDA v${version}`,
      body,
      ndaSha256(body),
    ]),
  );
  return row;
}
