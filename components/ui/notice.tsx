import type { ReactNode } from 'react';

const TONES = {
  error: { role: 'alert', className: 'border-red-200 bg-red-50 text-red-800' },
  success: { role: 'status', className: 'border-emerald-200 bg-emerald-50 text-emerald-800' },
  warning: { role: 'status', className: 'border-amber-300 bg-amber-50 text-amber-950' },
} as const;

/**
 * A message about the page or a form: an error is an alert (read out at once), success and
 * warnings are a status. `className` places it (a margin).
 */
export function Notice({
  tone,
  as: Tag = 'p',
  className = '',
  children,
}: {
  tone: keyof typeof TONES;
  as?: 'p' | 'div';
  className?: string;
  children: ReactNode;
}) {
  const t = TONES[tone];
  return (
    <Tag role={t.role} className={`rounded-md border px-3 py-2 text-sm ${t.className} ${className}`}>
      {children}
    </Tag>
  );
}

/**
 * The outcome of a form post, shown at the top of the page it redirected back to:
 * `?error=<code>` (looked up in `errors`, with a fallback) or a success message.
 */
export function FormNotice({ error, errors, success }: { error?: string; errors: Record<string, string>; success?: string }) {
  if (error) {
    return (
      <Notice tone="error" className="mb-4">
        {(Object.hasOwn(errors, error) ? errors[error] : undefined) ?? 'That could not be saved. Check the fields and try again.'}
      </Notice>
    );
  }
  // A success message looked up by a code from the address: only a string is a message.
  if (typeof success === 'string' && success) {
    return (
      <Notice tone="success" className="mb-4">
        {success}
      </Notice>
    );
  }
  return null;
}
