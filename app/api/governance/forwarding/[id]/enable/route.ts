import { handler } from '@/lib/api/handler';
import { enableEndpoint } from '@/lib/forwarding/manage';
import { forwardingPage } from '@/lib/forwarding/console-page';

/** Sends to an endpoint that was disabled after failing for days again. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: forwardingPage } },
  async (ctx, { params }: { params: { id: string } }) => ({
    json: { endpoint: await enableEndpoint(ctx, params.id) },
    done: 'enabled',
  }),
);
