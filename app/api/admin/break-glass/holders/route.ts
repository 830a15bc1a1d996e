import { NextResponse } from 'next/server';
import { requireApiActor, requireApiTrustAdmin } from '@/lib/auth/request';
import { listHolders, setHolders } from '@/lib/break-glass/holders';
import { getDatabase } from '@/lib/db';
import { AppError } from '@/lib/core/errors';
import { jsonOrForm } from '@/lib/http/form-action';
import { route } from '@/lib/http/route';

/** The designated break-glass holders, for staff. */
export const GET = route(async (request) => {
  const actor = await requireApiActor(request);
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Only vendor staff can see the break-glass holders.', 403);
  return NextResponse.json({ holders: await listHolders(await getDatabase(), actor) });
});

/**
 * Trust admins designate at most two holders: JSON `{"emails":[...]}`, or the form's
 * `holder1` and `holder2` fields (blank for none).
 */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  return jsonOrForm(
    request,
    '/admin/break-glass',
    async (data) => setHolders(await getDatabase(), actor, asHolderList(data)),
    { json: (holders) => ({ holders }), done: 'holders_saved' },
  );
});

function asHolderList(data: unknown): unknown {
  if (!data || typeof data !== 'object' || 'emails' in data) return data;
  const form = data as Record<string, unknown>;
  return { emails: [form.holder1, form.holder2].filter((v) => typeof v === 'string' && v.trim() !== '') };
}
