import { handler } from '@/lib/api/handler';
import { getQuestionnaire } from '@/lib/questionnaires/read';

/** One questionnaire: its sections with every question, answer, comment and evidence document. */
export const GET = handler({ access: 'trust-admin' }, async (ctx, { params }: { params: { slug: string } }) => ({
  json: { questionnaire: await getQuestionnaire(ctx, params.slug) },
}));
