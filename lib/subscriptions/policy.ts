/** How long a confirmation link works. */
export const CONFIRM_VALID_DAYS = 7;
/** At most one subscription mail (confirmation or "already subscribed") per address this often. */
export const RESEND_AFTER_MS = 10 * 60_000;

/** The same answer for every address, known or not: what is true is said only to its inbox. */
export const SUBSCRIBE_ANSWER = 'Thanks. If that address can receive mail, a message is on its way: follow its link to confirm your subscription.';
