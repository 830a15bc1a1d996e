import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, stampedAt } from './columns';
import { by, updated } from './references';
import { documents } from './portal';

// Security questionnaires and their answers (migration 0009_questionnaires).

export const QUESTIONNAIRE_SLUGS = ['caiq-lite', 'sig-lite'] as const;
export type QuestionnaireSlug = (typeof QUESTIONNAIRE_SLUGS)[number];
export const ANSWERS = ['yes', 'no', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];

export const questionnaires = pgTable('questionnaires', {
  id: id(),
  slug: text('slug', { enum: QUESTIONNAIRE_SLUGS }).notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  /** The generated document (generator 'questionnaire') whose visibility decides who reads it. */
  documentId: uuid('document_id').notNull().unique(),
  documentGenerator: text('document_generator', { enum: ['questionnaire'] })
    .notNull()
    .default('questionnaire'),
  answersChangedAt: stampedAt('answers_changed_at'),
  answersChangedBy: by('answers_changed_by'),
});

export const questionnaireQuestions = pgTable('questionnaire_questions', {
  id: id(),
  questionnaireId: uuid('questionnaire_id')
    .notNull()
    .references(() => questionnaires.id, { onDelete: 'cascade' }),
  section: text('section').notNull(),
  /** The question's id within its questionnaire, e.g. "IDA-03". */
  questionId: text('question_id').notNull(),
  position: integer('position').notNull(),
  question: text('question').notNull(),
  /** null: not answered yet. */
  answer: text('answer', { enum: ANSWERS }),
  comment: text('comment').notNull().default(''),
  evidenceDocumentId: uuid('evidence_document_id').references(() => documents.id, { onDelete: 'set null' }),
  ...updated(),
});
