import { NextResponse } from 'next/server';
import { denyRequest } from '@/lib/access/decide';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Denies a pending request: the reviewer gets a polite refusal by e-mail. {"note"} */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  try {
    const decision = await denyRequest(await getDatabase(), systemClock, actor, id, data);
    sendQueuedMail();
    return form ? redirectTo('/admin/access-requests?decided=denied') : NextResponse.json({ decision });
  } catch (error) {
    if (form) return redirectWithError('/admin/access-requests', error);
    throw error;
  }
});
