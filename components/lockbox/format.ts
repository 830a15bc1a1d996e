import type { LockboxAccess } from '@/drizzle/schema';
import type { LockboxState } from '@/lib/lockbox/views';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { breakGlassInput, decisionInput, recordInput, requestInput, reviewInput, settingsInput } from '@/lib/lockbox/schemas';

export const ACCESS_LABELS: Record<LockboxAccess, string> = { read: 'Read-only', read_write: 'Read-write' };

export const STATE_LABELS: Record<LockboxState, string> = {
  pending: 'Pending',
  active: 'Active',
  denied: 'Denied',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** "4 h", "90 min": how long a grant or session lasts. */
export function durationLabel(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes > 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** Whole minutes left until `end` (at least 0, rounded up so that a live grant never shows 0). */
export function minutesLeft(end: Date, now: Date): number {
  return Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 60_000));
}

export function timeLeftLabel(end: Date, now: Date): string {
  const m = minutesLeft(end, now);
  return m === 1 ? '1 minute left' : `${m} minutes left`;
}

/** The form outcomes (`?done=`) of the lockbox and break-glass endpoints. */
export const DONE_MESSAGES: Record<string, string> = {
  requested: 'Your request was sent. The customer’s admins were notified; it stays pending until one of them answers.',
  approved: 'Approved. Your approval is recorded.',
  denied: 'Denied. The support engineer was notified.',
  revoked: 'Revoked. The support engineer’s access ended now.',
  saved: 'Settings saved. They apply to new requests.',
  invoked: 'Break-glass access is open. The customer’s admins and the other holder were notified.',
  ended: 'The break-glass session has ended.',
  reviewed: 'The review is recorded.',
  updated: 'The record was updated. The change is in the customer’s governance log.',
  read: 'All notifications are marked read.',
  key: 'The tenant’s key was saved. The change is in its governance log.',
};

/** The form errors (`?error=<code>`) of the lockbox and break-glass endpoints, said plainly. */
export const LOCKBOX_ERRORS: Record<string, string> = fieldErrors(
  {
    ...describedFields(requestInput),
    ...describedFields(breakGlassInput),
    ...describedFields(decisionInput),
    ...describedFields(reviewInput),
    ...describedFields(settingsInput),
    ...describedFields(recordInput),
  },
  {
    invalid_request: 'Some fields were missing or not valid. Check the form and try again.',
    forbidden: 'Your role does not allow this action. Nothing was changed.',
    not_found: 'That item no longer exists, or you cannot see it.',
    illegal_transition: 'That request or session has already moved on (decided, ended or expired). Nothing was changed; reload to see its state.',
    already_approved: 'You have already approved this request; another admin must approve it too.',
    already_active: 'You already have an active break-glass session on this tenant.',
    unauthenticated: 'Your session ended. Sign in again.',
    payload_too_large: 'The text is too long.',
    invalid_externalKey: 'A tenant key is 1 to 128 letters, digits and . _ : -, starting with a letter or digit.',
    key_taken: 'Another tenant already has this key. Nothing was changed.',
  },
);
