import { NextResponse } from 'next/server';
import { systemClock } from '@/lib/core/clock';
import { config } from '@/lib/core/config';
import { getDatabase } from '@/lib/db';
import { readText, route } from '@/lib/http/route';
import { handleWorkosWebhook } from '@/lib/identity/webhook';

const MAX_BYTES = 256 * 1024;

/** Directory Sync (SCIM) events from WorkOS, verified by their signature: needs WORKOS_WEBHOOK_SECRET only. */
export const POST = route(async (request) => {
  const cfg = config();
  const body = await readText(request, MAX_BYTES);
  const outcome = await handleWorkosWebhook(
    {
      db: await getDatabase(),
      clock: systemClock,
      webhookSecret: cfg.workos.webhookSecret,
      vendor: cfg.workos,
    },
    body,
    request.headers.get('workos-signature'),
  );
  return NextResponse.json({ ok: true, outcome });
});
