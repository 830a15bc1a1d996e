import type { ButtonHTMLAttributes, ReactNode } from 'react';

const BUTTONS = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  secondary: 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-50',
  danger: 'bg-red-700 text-white hover:bg-red-800',
  dangerOutline: 'border border-red-300 bg-white text-red-800 hover:bg-red-50',
} as const;

const SIZES = { md: 'px-4 py-2', sm: 'px-3 py-1.5' } as const;

/** A form's submit button; `sm` for one in a table row. */
export function SubmitButton({
  children,
  variant = 'primary',
  size = 'md',
  ...props
}: {
  children: ReactNode;
  variant?: keyof typeof BUTTONS;
  size?: keyof typeof SIZES;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return (
    <button type="submit" {...props} className={`rounded-md text-sm font-medium ${SIZES[size]} ${BUTTONS[variant]}`}>
      {children}
    </button>
  );
}
