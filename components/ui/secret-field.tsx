'use client';

/** A signing secret shown once: read-only, selected on focus for copying. */
export function SecretField({ label, secret, className = 'mt-3' }: { label: string; secret: string; className?: string }) {
  return (
    <label className={`${className} block font-medium`}>
      {label}
      <input
        readOnly
        value={secret}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded-md border border-emerald-400 bg-white px-3 py-2 font-mono text-sm text-slate-900"
      />
    </label>
  );
}
