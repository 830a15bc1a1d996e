import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { assertJitEditor, setJitProvisioning } from '@/lib/identity/mappings';

const json = z.object({ allowJitProvisioning: z.boolean() });
// An HTML checkbox is present when ticked and absent when not.
const form = z.object({ allowJitProvisioning: z.literal('on').optional() }).transform((v) => ({ allowJitProvisioning: v.allowJitProvisioning === 'on' }));

/** A customer admin turns just-in-time provisioning through SSO on or off for their tenant. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const body = await readBody(request);
  try {
    // Who may first: a refused caller is told so (and recorded), whatever the body holds.
    assertJitEditor(actor);
    const { allowJitProvisioning } = (body.form ? form : json).parse(body.data);
    await setJitProvisioning(await getDatabase(), systemClock, actor, allowJitProvisioning);
    return body.form ? redirectTo('/console/users?settings=1') : NextResponse.json({ allowJitProvisioning });
  } catch (error) {
    if (body.form) return redirectWithError('/console/users', error);
    throw error;
  }
});
