import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from '@/lib/portal/cache';
import { currentNda } from './nda';

/** The NDA reviewers accept on /documents, cached until a trust admin publishes a new version. */
export const publicNda = cachedPublic('nda', 'current', async () => currentNda(await getDatabase()));
