import type { FormHTMLAttributes } from 'react';

/** A form posted to `action`, on a white card; `className` adds its margin, padding and layout. */
export function FormCard({
  className,
  ...props
}: { action: string; className: string } & Omit<FormHTMLAttributes<HTMLFormElement>, 'method' | 'action' | 'className'>) {
  return <form method="post" {...props} className={`${className} rounded-lg border border-slate-200 bg-white`} />;
}
