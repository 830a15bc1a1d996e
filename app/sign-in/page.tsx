import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SubmitButton } from '@/components/ui/button';
import { safeNextPath } from '@/lib/auth/cookie';
import { signInInput } from '@/lib/auth/sign-in-input';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { config } from '@/lib/core/config';
import { DEMO_ACCOUNTS, DEMO_TENANTS } from '@/lib/seed/demo-data';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Sign in', description: 'Sign in to the customer console or the staff admin.' };

const FIELDS = describedFields(signInInput);
const ERRORS: Record<string, string> = fieldErrors(FIELDS, {
  invalid_request: FIELDS.email,
  unknown_account: 'There is no active account with that e-mail address.',
  demo_sign_in_disabled: 'Demo sign-in is turned off on this server.',
  unknown_domain: 'No organization on this trust center signs in with that e-mail domain.',
  sso_not_configured: 'Single sign-on is not configured on this server.',
  sso_state_mismatch: 'That sign-in link expired or was not started here. Start again.',
  sso_failed: 'Your identity provider did not complete the sign-in. Start again.',
  sso_organization_mismatch: 'Your account belongs to another organization than the one you signed in with. Nothing was changed.',
  sso_unknown_organization: 'Your organization is not connected to this trust center.',
  account_suspended: 'Your account is suspended or was removed by your directory. Ask your administrator.',
  account_not_provisioned: 'Your directory has not given you access to this trust center yet. Ask your administrator.',
  rate_limited: 'Too many failed sign-ins from your network. Wait a few minutes, then try again.',
});

/** A form that posts an e-mail address, and where to go once signed in. */
function EmailForm({ action, label, next, children }: { action: string; label: string; next: string; children: ReactNode }) {
  return (
    <form method="post" action={action} className="mt-3 flex flex-wrap items-end gap-3">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <label className="flex flex-col text-sm font-medium">
        {label}
        <input type="email" name="email" required autoComplete="email" className="mt-1 w-72 rounded-md border border-slate-300 px-3 py-2 font-normal" />
      </label>
      {children}
    </form>
  );
}

export default async function SignInPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = await searchParams;
  const next = safeNextPath(params.next) ?? '';
  const error =
    typeof params.error === 'string' ? ((Object.hasOwn(ERRORS, params.error) ? ERRORS[params.error] : undefined) ?? 'Sign-in failed. Try again.') : null;
  const groups = [
    { title: 'Vendor staff', accounts: DEMO_ACCOUNTS.filter((a) => a.kind === 'staff') },
    ...DEMO_TENANTS.map((t) => ({
      title: `${t.legalName} (customer)`,
      accounts: DEMO_ACCOUNTS.filter((a) => a.kind === 'customer' && a.tenant === t.slug),
    })),
  ];

  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold tracking-tight">Sign in</h1>
      {params.signed_out ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-4 py-3 text-emerald-900">
          You have signed out.
        </p>
      ) : null}
      {params.account_deleted ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-4 py-3 text-emerald-900">
          Your account was deleted and you are signed out. Your name and e-mail address are gone from the portal and its governance log.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-4 py-3 text-red-900">
          {error}
        </p>
      ) : null}
      {config().workosConfigured ? (
        <Section id="sso" title="Single sign-on" className="mt-6">
          <p className="mt-1 text-slate-700">Enter your work e-mail: we send you to your company’s identity provider.</p>
          <EmailForm action="/api/auth/sso" label="Work e-mail" next={next}>
            <SubmitButton>Continue with single sign-on</SubmitButton>
          </EmailForm>
        </Section>
      ) : null}
      {config().demoSignIn ? (
        <>
          <p className="mt-3 text-slate-700">
            This server runs in demo mode: choose an account to sign in as. With WorkOS configured, people sign in with their company’s single sign-on instead.
          </p>
          {groups.map((group) => (
            <section key={group.title} aria-labelledby={`group-${group.title}`} className="mt-8">
              <h2 id={`group-${group.title}`} className="text-lg font-semibold">
                {group.title}
              </h2>
              <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {group.accounts.map((account) => (
                  <li key={account.email} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                    <div>
                      <p className="font-medium">{account.name}</p>
                      <p className="text-sm text-slate-600">
                        {account.email} · {account.description}
                      </p>
                    </div>
                    <form method="post" action="/api/auth/demo">
                      <input type="hidden" name="email" value={account.email} />
                      {next ? <input type="hidden" name="next" value={next} /> : null}
                      <SubmitButton size="sm" aria-label={`Sign in as ${account.name}`}>
                        Sign in
                      </SubmitButton>
                    </form>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <Section id="other-account" title="Another demo account" className="mt-8">
            <EmailForm action="/api/auth/demo" label="Account e-mail" next={next}>
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
                Sign in as this account
              </button>
            </EmailForm>
          </Section>
        </>
      ) : null}
      {!config().demoSignIn && !config().workosConfigured ? (
        <p className="mt-4 text-slate-700">Sign-in is not set up on this server: its operator has turned demo sign-in off without connecting WorkOS.</p>
      ) : null}
    </div>
  );
}
