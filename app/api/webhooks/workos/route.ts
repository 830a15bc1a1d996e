import { handler } from '@/lib/api/handler';
import { config } from '@/lib/core/config';
import { readText } from '@/lib/http/route';
import { handleWorkosWebhook } from '@/lib/identity/webhook';

const MAX_BYTES = 256 * 1024;

/** Directory Sync (SCIM) events from WorkOS, verified by their signature: needs WORKOS_WEBHOOK_SECRET only. */
export const POST = handler({ access: 'public' }, async (ctx, { request }) => {
  const cfg = config();
  const body = await readText(request, MAX_BYTES);
  const deps = { db: ctx.db, clock: ctx.clock, webhookSecret: cfg.workos.webhookSecret, vendor: cfg.workos };
  return { json: { ok: true, outcome: await handleWorkosWebhook(deps, body, request.headers.get('workos-signature')) } };
});
