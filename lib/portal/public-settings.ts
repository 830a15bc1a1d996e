import 'server-only';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from './cache';
import { readPublicSettings } from './settings';

/** The portal settings for public pages, cached until a trust admin changes them. */
export const publicSettings = cachedPublic('settings', 'settings', async () => readPublicSettings(await getDatabase()));
