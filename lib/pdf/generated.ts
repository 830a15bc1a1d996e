import 'server-only';
import type { Clock } from '@/lib/core/clock';
import type { DbHandle } from '@/lib/db/with-actor';
import type { RenderedPdf } from './render-cache';

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
