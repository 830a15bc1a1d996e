import type { Clock } from '@/lib/core/clock';
import type { DbHandle } from '@/lib/db/with-actor';
import type { RenderedPdf } from '@/lib/pdf/render-cache';
import { RENDERERS } from './generators';

export type DocumentGenerator = 'dpa' | 'questionnaire';

/** A document row whose PDF is rendered from live data. */
export interface GeneratedDocument {
  id: string;
  slug: string;
  title: string;
  generator: DocumentGenerator;
}

export interface GeneratedPdf {
  filename: string;
  pdf: RenderedPdf;
}

/** Null when there is nothing to render yet (the document's data is not published). */
export type GeneratedRenderer = (db: DbHandle, clock: Clock, doc: GeneratedDocument) => Promise<GeneratedPdf | null>;

/**
 * The current PDF of a generated document, rendered from the data it is made of (each distinct
 * state of that data is rendered once and cached). Access is decided before this is called.
 */
export function renderGeneratedDocument(db: DbHandle, clock: Clock, doc: GeneratedDocument): Promise<GeneratedPdf | null> {
  return RENDERERS[doc.generator](db, clock, doc);
}
