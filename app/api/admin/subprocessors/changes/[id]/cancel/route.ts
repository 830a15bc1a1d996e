import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';
import { refreshPublic } from '@/lib/portal/cache';
import { cancelChange } from '@/lib/subprocessors/cancel';
import { linkKeys } from '@/lib/subscriptions/link-keys';

/** Cancels a draft, or an announced change before it takes effect (subscribers are told). */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const form = (request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  try {
    const result = await cancelChange(await getDatabase(), systemClock, actor, linkKeys(), (await params).id);
    if (result.announced) {
      refreshPublic('subprocessors');
      sendQueuedMail();
    }
    return form ? redirectTo('/admin/subprocessors?cancelled=1') : NextResponse.json(result);
  } catch (error) {
    if (form) return redirectWithError('/admin/subprocessors', error);
    throw error;
  }
});
