import type { SearchParams } from '@/lib/core/search-params';
import { ZodError } from 'zod';
import { noteRefusal } from '@/lib/governance/refusal-scope';
import { AppError } from '@/lib/core/errors';
import { changeFromForm, changeInput } from './fields';
import { NoticeTooShortError, requiredNotice } from './notice';
import type { SubprocessorFields } from './fields';

/** The change form's fields: sent back to the form after a refusal, so nothing typed is lost. */
export const CHANGE_FORM_FIELDS = [
  'kind',
  'subprocessor',
  'name',
  'purpose',
  'dataCategories',
  'locations',
  'transferMechanism',
  'website',
  'processesCustomerRecords',
  'reason',
  'effectiveDate',
] as const;
export type ChangeFormField = (typeof CHANGE_FORM_FIELDS)[number];
export type ChangeFormValues = Partial<Record<ChangeFormField, string>>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The staff page a change form lives on. */
export function changeFormPage(data: Record<string, unknown>): string {
  if (data.kind === 'add') return '/admin/subprocessors/new';
  return typeof data.subprocessor === 'string' && SLUG.test(data.subprocessor) ? `/admin/subprocessors/${data.subprocessor}/change` : '/admin/subprocessors';
}

/** Where a refused form post goes back to: its page, with the error, the earliest allowed date, and what was typed. Null for unexpected errors. */
export function refusedFormLocation(data: Record<string, unknown>, error: unknown): string | null {
  noteRefusal(error);
  const code = error instanceof AppError ? error.code : error instanceof ZodError ? 'invalid_request' : null;
  if (!code) return null;
  const params = new URLSearchParams({ error: code });
  if (error instanceof NoticeTooShortError) {
    params.set('earliest', error.earliestDate);
    params.set('notice', String(error.days));
  }
  for (const f of CHANGE_FORM_FIELDS) {
    const v = data[f];
    if (typeof v === 'string' && v.length <= 2000) params.set(f, v);
  }
  return `${changeFormPage(data)}?${params}#${data.kind === 'remove' ? 'remove' : 'change'}`;
}

export interface ChangeFormState {
  error?: string;
  /** For notice_too_short: the earliest allowed date and the notice in days. */
  earliest?: string;
  notice?: number;
  values: ChangeFormValues;
  /** For invalid_request: what is wrong with the values, in our own words (never text from the URL). */
  issues: string[];
}

const LABELS: Record<string, string> = {
  name: 'Name',
  purpose: 'Purpose',
  dataCategories: 'Data categories',
  locations: 'Locations',
  transferMechanism: 'Transfer mechanism',
  website: 'Website',
  processesCustomerRecords: 'Customer records',
  reason: 'Reason',
  effectiveDate: 'Effective date',
  subprocessor: 'Sub-processor',
  kind: 'Kind of change',
};

export function readChangeFormState(params: SearchParams): ChangeFormState {
  const get = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : undefined);
  const values: ChangeFormValues = {};
  for (const f of CHANGE_FORM_FIELDS) if (get(f) !== undefined) values[f] = get(f);
  const error = get('error');
  const earliest = get('earliest');
  const notice = Number(get('notice'));
  const state: ChangeFormState = { error, values, issues: [] };
  if (error === 'notice_too_short' && earliest && /^\d{4}-\d{2}-\d{2}$/.test(earliest)) state.earliest = earliest;
  if (error === 'notice_too_short' && [0, 14, 90].includes(notice)) state.notice = notice;
  if (error === 'invalid_request') {
    const parsed = changeInput.safeParse(changeFromForm(values));
    if (!parsed.success) state.issues = parsed.error.issues.map((i) => `${LABELS[String(i.path[0])] ?? 'Form'}: ${i.message}.`);
  }
  return state;
}

/**
 * The refusal's sentence, rebuilt from the typed values and the state the change applies to
 * (so the page shows the same words as the API, without taking text from the URL).
 */
export function noticeMessage(state: ChangeFormState, before: SubprocessorFields | null): string | undefined {
  if (state.error !== 'notice_too_short' || !state.earliest) return undefined;
  if (state.notice === 0) return `The effective date cannot be in the past: the earliest effective date is ${state.earliest}.`;
  const parsed = changeInput.safeParse(changeFromForm(state.values));
  if (parsed.success && parsed.data.kind !== 'remove') {
    const requirement = requiredNotice(parsed.data.kind, before, parsed.data);
    if (requirement.days === state.notice) return `${requirement.why}: the earliest effective date is ${state.earliest}.`;
  }
  return `Too early: this change needs ${state.notice ?? 'more'} days' notice, so the earliest effective date is ${state.earliest}.`;
}
