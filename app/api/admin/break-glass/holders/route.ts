import { handler } from '@/lib/api/handler';
import { listHolders, setHolders } from '@/lib/break-glass/holders';

/** The designated break-glass holders, for staff. */
export const GET = handler({ access: 'staff', refused: { code: 'forbidden', message: 'Only vendor staff can see the break-glass holders.' } }, async (ctx) => ({
  json: { holders: await listHolders(ctx) },
}));

/**
 * Trust admins designate at most two holders: JSON `{"emails":[...]}`, or the form's
 * `holder1` and `holder2` fields (blank for none).
 */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/break-glass' } }, async (ctx, { data }) => ({
  json: { holders: await setHolders(ctx, asHolderList(data)) },
  done: 'holders_saved',
}));

function asHolderList(data: unknown): unknown {
  if (!data || typeof data !== 'object' || 'emails' in data) return data;
  const form = data as Record<string, unknown>;
  return { emails: [form.holder1, form.holder2].filter((v) => typeof v === 'string' && v.trim() !== '') };
}
