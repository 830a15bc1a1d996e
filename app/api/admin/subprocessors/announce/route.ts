import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { refreshPublic } from '@/lib/portal/cache';
import { announceDrafts } from '@/lib/subprocessors/announce';
import { linkKeys } from '@/lib/subscriptions/link-keys';

/** Announces every draft together: one mail per confirmed subscriber, one feed entry per change. */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const form = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  try {
    const announcement = await announceDrafts(await getDatabase(), systemClock, actor, linkKeys());
    refreshPublic('subprocessors');
    sendQueuedMail();
    return form ? redirectTo(`/admin/subprocessors?announced=${announcement.changes}`) : NextResponse.json({ announcement }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError('/admin/subprocessors', error);
    throw error;
  }
});
