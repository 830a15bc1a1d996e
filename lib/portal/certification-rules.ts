import type { CertificationStatus } from '@/drizzle/schema';
import { AppError } from '@/lib/core/errors';

export const STATUS_LABELS: Record<CertificationStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  audit_window: 'Audit window',
  attested: 'Attested / certified',
  expired: 'Expired',
};

/**
 * Which dates each status carries. The audit period is the window an auditor examined (or a
 * certificate's validity); the target date is when the vendor expects the report.
 */
const DATES: Record<CertificationStatus, { period: 'required' | 'forbidden'; target: 'optional' | 'forbidden' }> = {
  not_started: { period: 'forbidden', target: 'optional' },
  in_progress: { period: 'forbidden', target: 'optional' },
  audit_window: { period: 'required', target: 'optional' },
  attested: { period: 'required', target: 'forbidden' },
  expired: { period: 'required', target: 'forbidden' },
};

export interface CertificationDates {
  status: CertificationStatus;
  periodStart: string | null;
  periodEnd: string | null;
  targetDate: string | null;
}

/** What a certification says of itself: what the portal shows and its history keeps. */
export interface CertificationFacts extends CertificationDates {
  framework: string;
  description: string;
}

export function certificationFacts(c: CertificationFacts): CertificationFacts {
  return {
    framework: c.framework,
    description: c.description,
    status: c.status,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    targetDate: c.targetDate,
  };
}

const MAX_PERIOD_DAYS = 4 * 366;

/** Why dates were refused, by code: the same sentence for programs and for the staff page. */
export const DATE_RULE_MESSAGES = {
  period_required: 'An audit window, an attested or an expired certification needs an audit period: enter its start and end dates.',
  period_not_allowed: 'A certification not started or in progress has no audit period yet: clear the period dates, or give a target date instead.',
  period_reversed: 'The audit period must start before it ends.',
  period_too_long: 'An audit period cannot be longer than four years: check the dates.',
  period_not_started: 'An audit window must have begun: its start date cannot be in the future. Use “In progress” with a target date until then.',
  period_not_ended: 'An expired certification’s period must have ended: its end date cannot be in the future.',
  target_not_allowed: 'An attested or expired certification has no target date: clear it.',
  target_in_past: 'A new target date cannot be in the past.',
} as const;

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * Refuses dates that do not fit the status, with a sentence saying what to change.
 * `today` is YYYY-MM-DD; `previousTarget` lets a target date that has passed stay as it was
 * while other fields change, but a new target date must not lie in the past.
 */
export function checkCertificationDates(c: CertificationDates, today: string, previousTarget: string | null = null) {
  const rule = DATES[c.status];
  const refuse = (code: keyof typeof DATE_RULE_MESSAGES): never => {
    throw new AppError(code, DATE_RULE_MESSAGES[code], 400);
  };
  if (rule.period === 'required') {
    if (!c.periodStart || !c.periodEnd) refuse('period_required');
  } else if (c.periodStart || c.periodEnd) {
    refuse('period_not_allowed');
  }
  if (c.periodStart && c.periodEnd) {
    if (c.periodStart > c.periodEnd) refuse('period_reversed');
    if (days(c.periodStart, c.periodEnd) > MAX_PERIOD_DAYS) refuse('period_too_long');
    if (c.status === 'audit_window' && c.periodStart > today) refuse('period_not_started');
    if (c.status === 'expired' && c.periodEnd > today) refuse('period_not_ended');
  }
  if (c.targetDate) {
    if (rule.target === 'forbidden') refuse('target_not_allowed');
    if (c.targetDate !== previousTarget && c.targetDate < today) refuse('target_in_past');
  }
}
