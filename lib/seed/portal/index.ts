import 'server-only';
import type { AdminQuery } from '@/lib/db/types';
import { seedPortalContent } from './content';
import { seedDocuments } from './documents';
import { seedDpa } from './dpa';
import { seedQuestionnaires } from './questionnaires';
import { seedSubprocessors } from './subprocessors';

/**
 * The demo vendor's portal: documents first (certifications link their reports, questionnaires
 * their evidence), then the rest; the DPA last (its annexes show the rest).
 */
export async function seedPortal(q: AdminQuery) {
  await seedDocuments(q);
  await seedQuestionnaires(q);
  await seedPortalContent(q);
  await seedSubprocessors(q);
  await seedDpa(q);
}
