import 'server-only';
import type { Clock } from '@/lib/core/clock';
import type { DbHandle } from '@/lib/db/with-actor';
import type { GeneratedDocument, GeneratedPdf } from '@/lib/pdf/generated';
import { RENDERERS } from './generators';

/**
 * The current PDF of a generated document, rendered from the data it is made of (each distinct
 * state of that data is rendered once and cached). Access is decided before this is called.
 */
export function renderGeneratedDocument(db: DbHandle, clock: Clock, doc: GeneratedDocument): Promise<GeneratedPdf | null> {
  return RENDERERS[doc.generator](db, clock, doc);
}
