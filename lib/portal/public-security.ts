import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from './cache';
import { listSecurityBlocks } from './security-blocks';

/** The security overview's blocks, cached until a trust admin changes one. */
export const publicSecurityBlocks = cachedPublic('security', 'blocks', async () => listSecurityBlocks(await getDatabase()));
