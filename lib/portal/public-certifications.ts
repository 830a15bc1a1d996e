import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from './cache';
import { listPublicCertifications } from './certifications';

/** The certifications for public pages, cached until a trust admin changes one. */
export const publicCertifications = cachedPublic('certifications', 'list', async () => listPublicCertifications(await getDatabase()));
