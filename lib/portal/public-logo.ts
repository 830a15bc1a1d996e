import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from './cache';
import { readLogo } from './logo';

/** The uploaded logo for /logo, cached with the settings it belongs to. */
export const publicLogo = cachedPublic('settings', 'logo', async () => readLogo(await getDatabase()));
