import { handler } from '@/lib/api/handler';
import { removeEndpoint } from '@/lib/forwarding/remove';
import { forwardingPage } from '@/lib/forwarding/console-page';

/** The console's remove button (a form cannot send DELETE): the same as DELETE on the endpoint. */
export const POST = handler(
  { access: 'signed-in', body: 'json-or-form', form: { back: forwardingPage } },
  async (ctx, { params }: { params: { id: string } }) => ({
    json: { removed: await removeEndpoint(ctx, params.id) },
    done: 'removed',
  }),
);
