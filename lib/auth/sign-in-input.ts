import { z } from 'zod';

/**
 * What both sign-in forms (demo and SSO) post. They parse it whole, so any problem comes back
 * as `invalid_request`; the e-mail's description is what the sign-in page says then.
 */
export const signInInput = z.object({
  email: z.email().max(254).describe('Enter a valid e-mail address.'),
  next: z.string().max(2000).optional(),
});
