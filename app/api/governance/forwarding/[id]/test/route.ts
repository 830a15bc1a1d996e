import { handler } from '@/lib/api/handler';
import { forwardingPage } from '@/lib/forwarding/console-page';
import { targetPolicy } from '@/lib/forwarding/policy';
import { sendTestMessage } from '@/lib/forwarding/test-message';

/** Sends a signed test message to the endpoint now: 200 `{"delivered","status","error"}` whatever the receiver answered. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: forwardingPage } },
  async (ctx, { params, back }: { params: { id: string }; back: string }) => {
    const outcome = await sendTestMessage(ctx, params.id, targetPolicy());
    // Only our own words travel in the address: a code, and the receiver's status number.
    const failed = `${back}?error=test_failed${outcome.status ? `&status=${outcome.status}` : ''}`;
    return { json: { delivered: outcome.ok, status: outcome.status, error: outcome.error }, redirect: outcome.ok ? `${back}?done=test_delivered` : failed };
  },
);
