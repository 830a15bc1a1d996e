import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const CONTROL = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm font-normal text-slate-900';

function Label({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="block text-sm font-medium text-slate-900">
      {label}
      {children}
      {hint ? <span className="mt-1 block text-xs font-normal text-slate-600">{hint}</span> : null}
    </label>
  );
}

/** A labelled input of the staff forms. */
export function Field({ label, hint, ...props }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Label label={label} hint={hint}>
      <input {...props} className={CONTROL} />
    </Label>
  );
}

export function TextArea({ label, hint, ...props }: { label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Label label={label} hint={hint}>
      <textarea {...props} className={`${CONTROL} font-mono leading-6`} />
    </Label>
  );
}

export function Select({ label, hint, options, ...props }: { label: string; hint?: string; options: { value: string; label: string }[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Label label={label} hint={hint}>
      <select {...props} className={CONTROL}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Label>
  );
}

export function SubmitButton({ children, variant = 'primary', ...props }: { children: ReactNode; variant?: 'primary' | 'secondary' | 'danger' } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>) {
  const styles = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-50',
    danger: 'bg-red-700 text-white hover:bg-red-800',
  }[variant];
  return (
    <button type="submit" {...props} className={`rounded-md px-4 py-2 text-sm font-medium ${styles}`}>
      {children}
    </button>
  );
}

/** Text formatting the staff text areas understand, said once under each. */
export const TEXT_HINT = 'Leave a blank line between paragraphs. Start a line with “- ” for a list item, or “## ” for a heading.';

/** The value of a search param, when it is one string. */
export async function searchParam(searchParams: Promise<Record<string, string | string[] | undefined>>, name: string) {
  const value = (await searchParams)[name];
  return typeof value === 'string' ? value : undefined;
}

export type Search = Promise<Record<string, string | string[] | undefined>>;
