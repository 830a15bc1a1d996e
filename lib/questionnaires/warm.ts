import 'server-only';
import { after } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import type { DbHandle } from '@/lib/db/with-actor';
import { renderQuestionnaireDocument } from './document';

/**
 * After the response, renders the PDF of answers that just changed, so the next reviewer's
 * download comes from the cache instead of waiting for a render.
 */
export function warmQuestionnairePdf(db: DbHandle, documentId: string) {
  after(async () => {
    try {
      await renderQuestionnaireDocument(db, systemClock, { id: documentId, slug: documentId, title: '', generator: 'questionnaire' });
    } catch (error) {
      console.error('[questionnaires] rendering the changed PDF in advance failed', error instanceof Error ? error.message : error);
    }
  });
}
