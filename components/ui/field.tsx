import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const CONTROL = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-normal text-slate-900';

/**
 * A control with its label, and a hint linked as its description. Forms repeated on one page
 * pass an `id` so that each hint's id stays unique.
 */
function Labelled({ label, hint, hintId, children }: { label: string; hint?: string; hintId: string; children: ReactNode }) {
  return (
    <div>
      <label className="block text-sm font-medium text-slate-900">
        {label}
        {children}
      </label>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const hintIdOf = (props: { id?: string; name?: string }) => `${props.id ?? props.name}-hint`;

export function Field({ label, hint, ...props }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled label={label} hint={hint} hintId={hintIdOf(props)}>
      <input {...props} aria-describedby={hint ? hintIdOf(props) : undefined} className={CONTROL} />
    </Labelled>
  );
}

/** A text area; `mono` (the default) for the staff's formatted text, off for plain prose. */
export function TextArea({
  label,
  hint,
  mono = true,
  ...props
}: { label: string; hint?: string; mono?: boolean } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled label={label} hint={hint} hintId={hintIdOf(props)}>
      <textarea {...props} aria-describedby={hint ? hintIdOf(props) : undefined} className={`${CONTROL} ${mono ? 'font-mono ' : ''}leading-6`} />
    </Labelled>
  );
}

export function Select({
  label,
  hint,
  options,
  ...props
}: { label: string; hint?: string; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled label={label} hint={hint} hintId={hintIdOf(props)}>
      <select {...props} aria-describedby={hint ? hintIdOf(props) : undefined} className={CONTROL}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}
