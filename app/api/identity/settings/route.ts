import { z } from 'zod';
import { handler } from '@/lib/api/handler';
import { assertJitEditor, setJitProvisioning } from '@/lib/identity/mappings';

const json = z.object({ allowJitProvisioning: z.boolean() });
// An HTML checkbox is present when ticked and absent when not.
const form = z.object({ allowJitProvisioning: z.literal('on').optional() }).transform((v) => ({ allowJitProvisioning: v.allowJitProvisioning === 'on' }));

/** A customer admin turns just-in-time provisioning through SSO on or off for their tenant. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: '/console/users' } }, async (ctx, args) => {
  // Who may first: a refused caller is told so (and recorded), whatever the body holds.
  assertJitEditor(ctx.actor);
  const { allowJitProvisioning } = (args.form ? form : json).parse(args.data);
  await setJitProvisioning(ctx, allowJitProvisioning);
  return { json: { allowJitProvisioning }, redirect: '/console/users?settings=1' };
});
