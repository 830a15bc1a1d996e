// Groups of event kinds for filtering a timeline (docs/governance-events.md lists every kind).

export interface EventCategory {
  id: string;
  label: string;
  prefixes: string[];
}

export const EVENT_CATEGORIES: EventCategory[] = [
  { id: 'vendor-access', label: 'Vendor staff access (lockbox)', prefixes: ['lockbox.', 'support.tenant_'] },
  { id: 'break-glass', label: 'Break-glass', prefixes: ['support.break_glass'] },
  { id: 'sign-in', label: 'Sign-in and refusals', prefixes: ['auth.'] },
  { id: 'people', label: 'Users, roles and directory', prefixes: ['directory.', 'identity.'] },
  { id: 'exports', label: 'Exports and privacy', prefixes: ['governance.', 'privacy.', 'dpa.'] },
  { id: 'content', label: 'Portal content and certifications', prefixes: ['content.'] },
  { id: 'reviewer-access', label: 'Reviewer access to documents', prefixes: ['access.'] },
];

export const ACTOR_KINDS: { value: string; label: string }[] = [
  { value: 'customer', label: 'Your users' },
  { value: 'staff', label: 'Vendor staff' },
  { value: 'directory', label: 'Directory sync' },
  { value: 'system', label: 'Automatic (the portal)' },
  { value: 'governance', label: 'The log itself' },
  { value: 'auth', label: 'Sign-in' },
  { value: 'anonymous', label: 'Signed-out visitors' },
];

export function categoryById(id: string | undefined): EventCategory | undefined {
  return EVENT_CATEGORIES.find((c) => c.id === id);
}

/** "lockbox.approval_recorded" → "Lockbox: approval recorded". */
export function kindLabel(kind: string): string {
  const [domain, ...rest] = kind.split('.');
  const words = (s: string) => s.replace(/_/g, ' ');
  const head = words(domain);
  return rest.length ? `${head.charAt(0).toUpperCase()}${head.slice(1)}: ${words(rest.join(' '))}` : head;
}
