import { NextResponse } from 'next/server';
import { z } from 'zod';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { requireApiActor } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';
import { parseInput } from '@/lib/core/parse-input';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { AppError } from '@/lib/core/errors';
import { readBody, route } from '@/lib/http/route';
import { deleteOwnAccount } from '@/lib/privacy/delete-account';

const HERE = '/console/account';
const body = z.object({ confirm: z.string().max(320, 'Type your e-mail address to confirm.') });

/** Deletes the caller's own customer account, after they typed their e-mail address to confirm; signs them out. */
export const POST = route(async (request) => {
  const { form, data } = await readBody(request);
  try {
    const actor = await requireApiActor(request);
    if (actor.kind !== 'customer') {
      throw new AppError('not_a_customer_account', 'Vendor staff accounts are managed by the vendor’s administrators.', 403);
    }
    const { confirm } = parseInput(body, data);
    if (confirm.trim().toLowerCase() !== actor.email.toLowerCase()) {
      throw new AppError('confirmation_mismatch', 'Type your own e-mail address exactly to confirm the deletion.', 422);
    }
    await deleteOwnAccount(await getDatabase(), actor);
  } catch (error) {
    if (form) return redirectWithError(HERE, error);
    throw error;
  }
  const response = form ? redirectTo('/sign-in?account_deleted=1') : NextResponse.json({ deleted: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
