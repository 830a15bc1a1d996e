import 'server-only';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { cachedPublic } from '@/lib/portal/cache';
import { listPublishedUpdates } from '@/lib/portal/updates';
import { publicSubprocessorsAt, readPublicTimeline } from './read';

/** Every announced change, cached until a trust admin changes something (or the backstop passes). */
export const publicTimeline = cachedPublic('subprocessors', 'timeline', async () => readPublicTimeline(await getDatabase()));

/** The public lists now: computed per request from the cached timeline, so a change takes effect on time. */
export async function publicSubprocessors(now = systemClock.now()) {
  return publicSubprocessorsAt(await publicTimeline(), now);
}

/** The news items the Atom feed carries beside the sub-processor changes. */
export const feedUpdates = cachedPublic('updates', 'feed', async () => listPublishedUpdates(await getDatabase(), systemClock, { limit: 50 }));
