import Link from 'next/link';
import { decisionInput } from '@/lib/access/decide';
import { domainRuleInput } from '@/lib/access/domain-rules';
import { ndaInput } from '@/lib/access/nda';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';

const TABS = [
  { href: '/admin/access-requests', label: 'Queue' },
  { href: '/admin/access-requests/decided', label: 'Decisions' },
  { href: '/admin/access-requests/grants', label: 'Active grants' },
  { href: '/admin/access-requests/rules', label: 'Domain rules' },
  { href: '/admin/access-requests/nda', label: 'NDA' },
] as const;

export type AccessTabPath = (typeof TABS)[number]['href'];

/** The heading and sub-navigation of the access request tools. */
export function AccessTabs({ current, pending }: { current: AccessTabPath; pending: number }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-950 sm:text-3xl">Access requests</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        Reviewers ask here for NDA and restricted documents. Domain rules decide what they can; the rest waits for you.
      </p>
      <nav aria-label="Access requests" className="mt-4 flex flex-wrap gap-1 border-b border-slate-200">
        {TABS.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={tab.href === current ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab.href === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-700 hover:text-slate-950'
            }`}
          >
            {tab.label}
            {tab.href === '/admin/access-requests' && pending > 0 ? (
              <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs text-white">{pending}</span>
            ) : null}
          </Link>
        ))}
      </nav>
    </div>
  );
}

export const ACCESS_ERRORS: Record<string, string> = fieldErrors(
  { ...describedFields(decisionInput), ...describedFields(domainRuleInput), ...describedFields(ndaInput) },
  {
    already_decided: 'Someone already decided that request; nothing was changed.',
    already_revoked: 'That grant was already revoked.',
    not_found: 'That item no longer exists.',
    rule_exists: 'That domain already has a rule. Remove it first to change it.',
    nda_conflict: 'Someone published a version at the same moment. Reload and try again.',
    payload_too_large: 'The text is too long.',
    invalid_request: 'Some fields were missing or not valid. Check the form and try again.',
  },
);
