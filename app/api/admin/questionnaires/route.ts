import { handler } from '@/lib/api/handler';
import { listQuestionnaires } from '@/lib/questionnaires/read';

/** The questionnaires with how many questions are answered and when answers last changed. */
export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { questionnaires: await listQuestionnaires(ctx) } }));
