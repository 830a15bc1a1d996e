import 'server-only';
import type { GeneratedRenderer } from '@/lib/pdf/generated';
import { renderCached } from '@/lib/pdf/render-cache';
import { readQuestionnairePdfInput } from './pdf-data';
import { renderQuestionnairePdf } from './pdf-layout';

const SET_NAMES: Record<string, string> = { 'caiq-lite': 'CAIQ-Lite', 'sig-lite': 'SIG-Lite' };

/** "Northwind-Cloud-CAIQ-Lite-Questionnaire.pdf": ASCII only, safe in a Content-Disposition header. */
export function questionnaireFilename(vendorName: string, slug: string): string {
  const vendor = vendorName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${vendor ? `${vendor}-` : ''}${SET_NAMES[slug] ?? slug}-Questionnaire.pdf`;
}

/**
 * The PDF of a questionnaire document: rendered from its current answers once per distinct
 * state (the render cache is keyed by everything the PDF shows), then served from memory.
 * Null when no questionnaire stands behind the document.
 */
export const renderQuestionnaireDocument: GeneratedRenderer = async (db, _clock, doc) => {
  const input = await readQuestionnairePdfInput(db, doc.id);
  if (!input) return null;
  const pdf = await renderCached(input, () => renderQuestionnairePdf(input));
  return { filename: questionnaireFilename(input.vendorName, input.slug), pdf };
};
