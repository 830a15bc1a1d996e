/** Beside a tenant's name wherever staff list tenants: nobody can answer its lockbox requests. */
export function NoAdminBadge() {
  return (
    <span className="mt-1 block w-fit rounded-md border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900">
      Needs attention: no customer admin
    </span>
  );
}

/** On a tenant's page, above the request form. */
export function NoAdminWarning({ legalName }: { legalName: string }) {
  return (
    <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {legalName} has no active customer admin: nobody can approve or deny a lockbox request until the customer makes someone an admin in their directory.
    </p>
  );
}
