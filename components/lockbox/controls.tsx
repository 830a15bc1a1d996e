import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

export const CONTROL = 'mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-normal text-slate-900';

/** A labelled control; `hint` is linked to it as its description (ids come from `id`). */
function Labelled({ label, hint, id, children }: { label: string; hint?: string; id: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextInput({ label, hint, id, ...props }: { label: string; hint?: string; id: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled label={label} hint={hint} id={id}>
      <input id={id} {...props} aria-describedby={hint ? `${id}-hint` : undefined} className={CONTROL} />
    </Labelled>
  );
}

export function TextBox({ label, hint, id, ...props }: { label: string; hint?: string; id: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled label={label} hint={hint} id={id}>
      <textarea id={id} rows={3} {...props} aria-describedby={hint ? `${id}-hint` : undefined} className={`${CONTROL} leading-6`} />
    </Labelled>
  );
}

export function Choice({
  label,
  hint,
  id,
  options,
  ...props
}: { label: string; hint?: string; id: string; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled label={label} hint={hint} id={id}>
      <select id={id} {...props} aria-describedby={hint ? `${id}-hint` : undefined} className={CONTROL}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

const BUTTONS = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-50',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  dangerOutline: 'border border-red-300 bg-white text-red-800 hover:bg-red-50',
} as const;

export function Button({
  children,
  variant = 'primary',
  formAction,
}: {
  children: ReactNode;
  variant?: keyof typeof BUTTONS;
  formAction?: string;
}) {
  return (
    <button type="submit" formAction={formAction} className={`rounded-md px-4 py-2 text-sm font-medium ${BUTTONS[variant]}`}>
      {children}
    </button>
  );
}

export function Back({ to }: { to: string }) {
  return <input type="hidden" name="back" value={to} />;
}
