import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from '@/lib/portal/cache';
import { listPortalDocuments } from './list';

/** The portal's document list, cached until a trust admin changes a document. */
export const publicDocuments = cachedPublic('documents', 'list', async () => listPortalDocuments(await getDatabase()));
