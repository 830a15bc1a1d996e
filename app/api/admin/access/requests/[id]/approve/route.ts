import { NextResponse } from 'next/server';
import { approveRequest } from '@/lib/access/decide';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { sendQueuedMail } from '@/lib/mail/sender';

/** Approves a pending request: a grant for its documents and the sign-in link by e-mail. {"note"} */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireApiTrustAdmin(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  try {
    const decision = await approveRequest(await getDatabase(), systemClock, actor, id, data);
    sendQueuedMail();
    return form ? redirectTo('/admin/access-requests?decided=approved') : NextResponse.json({ decision });
  } catch (error) {
    if (form) return redirectWithError('/admin/access-requests', error);
    throw error;
  }
});
