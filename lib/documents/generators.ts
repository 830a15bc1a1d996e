import { renderDpaDocument } from '@/lib/dpa/document';
import { renderQuestionnaireDocument } from '@/lib/questionnaires/document';
import type { DocumentGenerator, GeneratedRenderer } from '@/lib/pdf/generated';

/** Each generator's renderer, by the name documents.generator holds. */
export const RENDERERS: Record<DocumentGenerator, GeneratedRenderer> = {
  dpa: renderDpaDocument,
  questionnaire: renderQuestionnaireDocument,
};
