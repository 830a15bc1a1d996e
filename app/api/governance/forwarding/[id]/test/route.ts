import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { targetPolicy } from '@/lib/forwarding/policy';
import { sendTestMessage } from '@/lib/forwarding/test-message';
import { formBack } from '@/lib/http/form-action';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';

/** Sends a signed test message to the endpoint now: 200 `{"delivered","status","error"}` whatever the receiver answered. */
export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const actor = await requireApiActor(request);
  const { id } = await params;
  const { form, data } = await readBody(request);
  const back = formBack(data, actor.kind === 'staff' ? '/admin/governance/forwarding' : '/console/governance/forwarding');
  try {
    const outcome = await sendTestMessage(await getDatabase(), systemClock, actor, id, targetPolicy());
    if (!form) return NextResponse.json({ delivered: outcome.ok, status: outcome.status, error: outcome.error });
    // Only our own words travel in the address: a code, and the receiver's status number.
    if (outcome.ok) return redirectTo(`${back}?done=test_delivered`);
    return redirectTo(`${back}?error=test_failed${outcome.status ? `&status=${outcome.status}` : ''}`);
  } catch (error) {
    if (form) return redirectWithError(back, error);
    throw error;
  }
});
