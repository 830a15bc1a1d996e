import { renderQuestionnaireDocument } from '@/lib/questionnaires/document';
import type { DocumentGenerator, GeneratedRenderer } from './generated';

/** Each generator's renderer, by the name documents.generator holds. */
export const RENDERERS: Partial<Record<DocumentGenerator, GeneratedRenderer>> = {
  questionnaire: renderQuestionnaireDocument,
};
