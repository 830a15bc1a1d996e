import type { ReactNode } from 'react';
import { SubmitButton } from '@/components/ui/button';

/** A portal item's edit form, folded under "Edit <title>". */
export function EditDetails({ title, action, children }: { title: string; action: string; children: ReactNode }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {title}</summary>
      <form method="post" action={action} className="mt-3 space-y-3">
        {children}
      </form>
    </details>
  );
}

/** A portal item's delete button, folded under "Delete <title>…" with what deleting does. */
export function DeleteDetails({ title, action, warning, submitLabel }: { title: string; action: string; warning: string; submitLabel: string }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-red-700">Delete {title}…</summary>
      <form method="post" action={action} className="mt-2 flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-700">{warning}</p>
        <SubmitButton variant="danger">{submitLabel}</SubmitButton>
      </form>
    </details>
  );
}
