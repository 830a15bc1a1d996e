import type { Answer, QuestionnaireSlug } from '@/drizzle/schema';

/** One built-in question with the demo vendor's answer. */
export interface SeedQuestion {
  id: string;
  question: string;
  answer: Answer | null;
  comment: string;
  /** Slug of a seeded document that backs the answer. */
  evidence?: string;
}

/** A built-in question set, the document it is published as, and the demo answers. */
export interface SeedQuestionnaire {
  slug: QuestionnaireSlug;
  title: string;
  description: string;
  document: { slug: string; title: string; category: string; description: string; visibility: 'public' | 'nda' | 'restricted' };
  sections: { name: string; questions: SeedQuestion[] }[];
}
