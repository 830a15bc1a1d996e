import { Notice } from '@/components/ui/notice';
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { SubprocessorFields } from '@/lib/subprocessors/fields';
import { noticeMessage, type ChangeFormState } from '@/lib/subprocessors/form-state';

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
export function FormError({ state, before = null }: { state: ChangeFormState; before?: SubprocessorFields | null }) {
  if (!state.error) return null;
  const message =
    state.error === 'notice_too_short'
      ? noticeMessage(state, before)
      : state.error === 'invalid_request'
        ? 'Some fields need fixing:'
        : (ERRORS[state.error] ?? 'That could not be scheduled. Check the fields and try again.');
  return (
    <Notice tone="error" as="div" className="mb-4">
      <p>{message}</p>
      {state.issues.length ? (
        <ul className="mt-1 list-disc pl-5">
          {state.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

/** A labelled control with an optional hint below it, outside the label so the hint is its description, not its name. */
function Field({ id, label, hint: hintText, wide, children }: { id: string; label: string; hint?: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`flex flex-col text-sm ${wide ? 'sm:col-span-2' : ''}`}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
      {hintText ? (
        <p id={`${id}-hint`} className={hint}>
          {hintText}
        </p>
      ) : null}
    </div>
  );
}

/** A text input in a Field: its name is its id unless given, and its hint describes it. */
export function Input({
  id,
  label,
  hint: hintText,
  ...props
}: { id: string; label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  return (
    <Field id={id} label={label} hint={hintText}>
      <input id={id} name={id} {...props} aria-describedby={hintText ? `${id}-hint` : undefined} className={input} />
    </Field>
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
      <Input id="name" label="Name" required maxLength={120} defaultValue={v('name', initial?.name)} />
      <Input id="website" label="Website" type="url" required maxLength={300} placeholder="https://" defaultValue={v('website', initial?.website)} />
      <Field id="purpose" label="Purpose" wide>
        <textarea id="purpose" name="purpose" required maxLength={500} rows={2} defaultValue={v('purpose', initial?.purpose)} className={input} />
      </Field>
      <Input
        id="dataCategories"
        label="Data categories"
        hint="Separated by commas, e.g. Contact details, Usage data"
        required
        defaultValue={v('dataCategories', initial?.dataCategories.join(', '))}
      />
      <Input
        id="locations"
        label="Locations"
        hint="ISO 3166-1 country codes separated by commas, e.g. DE, IE, US"
        required
        defaultValue={v('locations', initial?.locations.join(', '))}
      />
      <Input
        id="transferMechanism"
        label="Transfer mechanism"
        hint="e.g. EU Standard Contractual Clauses, EU-U.S. Data Privacy Framework, adequacy decision"
        required
        maxLength={200}
        defaultValue={v('transferMechanism', initial?.transferMechanism)}
      />
      <label className="flex items-center gap-2 self-center text-sm font-medium">
        <input type="checkbox" name="processesCustomerRecords" defaultChecked={records} className="h-4 w-4" />
        Processes customer records
      </label>
      <Input id="effectiveDate" label="Effective date" hint={noticeHint} type="date" required defaultValue={v('effectiveDate')} />
      <Input id="reason" label="Reason for the change" maxLength={1000} defaultValue={v('reason')} />
    </div>
  );
}
