/** How long a confirmation link works. */
export const CONFIRM_VALID_DAYS = 7;
/** At most one subscription mail (confirmation or "already subscribed") per address this often. */
export const RESEND_AFTER_MS = 10 * 60_000;
