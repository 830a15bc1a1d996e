import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { AppError } from '@/lib/core/errors';
import { changeFromForm, changeInput } from '@/lib/subprocessors/fields';
import { noticeMessage, readChangeFormState, refusedFormLocation } from '@/lib/subprocessors/form-state';
import { NoticeTooShortError } from '@/lib/subprocessors/notice';

const typed = {
  kind: 'add',
  name: 'Ledgerline',
  purpose: 'Reconciliation',
  dataCategories: 'Customer records',
  locations: 'DE, XX',
  transferMechanism: 'In the EU',
  website: 'https://ledgerline.example',
  processesCustomerRecords: 'on',
  effectiveDate: '2026-12-01',
  reason: '',
};

const paramsOf = (location: string) => Object.fromEntries(new URL(location, 'http://x').searchParams);

describe('a refused staff form', () => {
  it('goes back to its page with what was typed, and the page says what is wrong in its own words', () => {
    const error = changeInput.safeParse(changeFromForm(typed)).error!;
    expect(error).toBeInstanceOf(ZodError);
    const location = refusedFormLocation(typed, error)!;
    expect(location).toMatch(/^\/admin\/subprocessors\/new\?error=invalid_request&/);
    expect(location.endsWith('#change')).toBe(true);
    const state = readChangeFormState(paramsOf(location));
    expect(state.values).toMatchObject({ name: 'Ledgerline', locations: 'DE, XX', processesCustomerRecords: 'on' });
    expect(state.issues).toEqual(['Locations: “XX” is not an ISO 3166-1 alpha-2 country code (for example DE, IE or US).']);
  });

  it('names the earliest allowed date for a notice refusal, rebuilt from the typed values', () => {
    const values = { ...typed, locations: 'DE' };
    const location = refusedFormLocation(values, new NoticeTooShortError('…', '2027-02-23', 90))!;
    const state = readChangeFormState(paramsOf(location));
    expect(state).toMatchObject({ error: 'notice_too_short', earliest: '2027-02-23', notice: 90 });
    expect(noticeMessage(state, null)).toBe("Ledgerline processes customer records, so it needs 90 days' notice: the earliest effective date is 2027-02-23.");
    // A tampered URL cannot put its own words on the page.
    const forged = readChangeFormState({ ...paramsOf(location), earliest: '<b>click here</b>', notice: '7' });
    expect(forged.earliest).toBeUndefined();
    expect(forged.notice).toBeUndefined();
  });

  it('sends updates and removals back to the sub-processor’s page, and leaves unexpected errors to the error mapping', () => {
    expect(refusedFormLocation({ kind: 'remove', subprocessor: 'stripe' }, new AppError('later_changes', 'x', 409))).toBe(
      '/admin/subprocessors/stripe/change?error=later_changes&kind=remove&subprocessor=stripe#remove',
    );
    expect(refusedFormLocation({ kind: 'update', subprocessor: '../../evil' }, new AppError('not_found', 'x', 404))).toMatch(/^\/admin\/subprocessors\?/);
    expect(refusedFormLocation(typed, new Error('boom'))).toBeNull();
  });
});
