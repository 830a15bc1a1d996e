import { handler } from '@/lib/api/handler';
import { SESSION_COOKIE } from '@/lib/auth/cookie';
import { AppError } from '@/lib/core/errors';
import { deleteAccountInput, deleteOwnAccount } from '@/lib/privacy/delete-account';

const staffRefused = { code: 'not_a_customer_account', message: 'Vendor staff accounts are managed by the vendor’s administrators.' };

/** Deletes the caller's own customer account, after they typed their e-mail address to confirm; signs them out. */
export const POST = handler(
  { access: 'customer', refused: staffRefused, input: deleteAccountInput, form: { back: '/console/account', refusalsToo: true } },
  async (ctx, { input: { confirm } }) => {
    if (confirm.trim().toLowerCase() !== ctx.actor.email.toLowerCase()) {
      throw new AppError('confirmation_mismatch', 'Type your own e-mail address exactly to confirm the deletion.', 422);
    }
    await deleteOwnAccount(ctx);
    return { json: { deleted: true }, redirect: '/sign-in?account_deleted=1', finish: (response) => response.cookies.delete(SESSION_COOKIE) };
  },
);
