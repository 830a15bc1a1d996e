import type { SubprocessorFields } from '@/lib/subprocessors/fields';
import type { ChangeFormState } from '@/lib/subprocessors/form-state';

const input = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal';
const hint = 'mt-1 text-xs font-normal text-slate-600';

const ERRORS: Record<string, string> = {
  subprocessor_exists: 'A sub-processor with that name already exists on that date: schedule a change to it instead.',
  not_a_subprocessor: 'That sub-processor does not exist on that date, so it cannot be changed or removed then.',
  later_changes: 'This sub-processor has changes scheduled after that date: cancel them first.',
  no_change: 'This update leaves everything as it is: change at least one field.',
  not_found: 'That sub-processor no longer exists.',
  forbidden: 'Only trust admins can schedule sub-processor changes.',
};

/** What went wrong with the last post of this form, in a sentence. */
export function FormError({ state }: { state: ChangeFormState }) {
  if (!state.error) return null;
  const message =
    state.error === 'notice_too_short'
      ? state.notice === 0
        ? `The effective date cannot be in the past: the earliest effective date is ${state.earliest}.`
        : `Too early: this change needs ${state.notice ?? 'more'} days' notice, so the earliest effective date is ${state.earliest}.`
      : state.error === 'invalid_request'
        ? 'Some fields need fixing:'
        : (ERRORS[state.error] ?? 'That could not be scheduled. Check the fields and try again.');
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>{message}</p>
      {state.issues.length ? (
        <ul className="mt-1 list-disc pl-5">
          {state.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The fields of an addition or update. `initial` is what the sub-processor is now (updates);
 * `values` is what was typed before a refusal, and wins.
 */
export function ChangeFields({ initial, values, noticeHint }: { initial?: SubprocessorFields; values: ChangeFormState['values']; noticeHint: string }) {
  const v = (key: keyof ChangeFormState['values'], fallback = '') => values[key] ?? fallback;
  const records = values.kind ? values.processesCustomerRecords === 'on' : (initial?.processesCustomerRecords ?? false);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <label className="flex flex-col text-sm font-medium">
        Name
        <input name="name" required maxLength={120} defaultValue={v('name', initial?.name)} className={input} />
      </label>
      <label className="flex flex-col text-sm font-medium">
        Website
        <input name="website" type="url" required maxLength={300} placeholder="https://" defaultValue={v('website', initial?.website)} className={input} />
      </label>
      <label className="flex flex-col text-sm font-medium sm:col-span-2">
        Purpose
        <textarea name="purpose" required maxLength={500} rows={2} defaultValue={v('purpose', initial?.purpose)} className={input} />
      </label>
      <label className="flex flex-col text-sm font-medium">
        Data categories
        <input name="dataCategories" required defaultValue={v('dataCategories', initial?.dataCategories.join(', '))} aria-describedby="categories-hint" className={input} />
        <span id="categories-hint" className={hint}>Separated by commas, e.g. Contact details, Usage data</span>
      </label>
      <label className="flex flex-col text-sm font-medium">
        Locations
        <input name="locations" required defaultValue={v('locations', initial?.locations.join(', '))} aria-describedby="locations-hint" className={input} />
        <span id="locations-hint" className={hint}>ISO 3166-1 country codes separated by commas, e.g. DE, IE, US</span>
      </label>
      <label className="flex flex-col text-sm font-medium">
        Transfer mechanism
        <input name="transferMechanism" required maxLength={200} defaultValue={v('transferMechanism', initial?.transferMechanism)} aria-describedby="transfer-hint" className={input} />
        <span id="transfer-hint" className={hint}>e.g. EU Standard Contractual Clauses, EU-U.S. Data Privacy Framework, adequacy decision</span>
      </label>
      <label className="flex items-center gap-2 self-center text-sm font-medium">
        <input type="checkbox" name="processesCustomerRecords" defaultChecked={records} className="h-4 w-4" />
        Processes customer records
      </label>
      <label className="flex flex-col text-sm font-medium">
        Effective date
        <input type="date" name="effectiveDate" required defaultValue={v('effectiveDate')} aria-describedby="effective-hint" className={input} />
        <span id="effective-hint" className={hint}>{noticeHint}</span>
      </label>
      <label className="flex flex-col text-sm font-medium">
        Reason for the change
        <input name="reason" maxLength={1000} defaultValue={v('reason')} className={input} />
      </label>
    </div>
  );
}

export const submitButton = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700';
