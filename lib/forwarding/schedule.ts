/**
 * When a failed delivery is tried again (docs/governance-forwarding.md), after the Standard
 * Webhooks recommendation: the first attempt at once, then 5 seconds, 5 minutes, 30 minutes,
 * 2 hours, 5 hours, 10 hours and 10 hours after each failure; eight attempts over about 28
 * hours, after which the delivery is marked failed.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** How long to wait after `attemptsMade` failed attempts, or null when there is no attempt left. */
export function retryDelayMs(attemptsMade: number): number | null {
  return attemptsMade >= 1 && attemptsMade < MAX_ATTEMPTS ? RETRY_DELAYS_MS[attemptsMade - 1] : null;
}
