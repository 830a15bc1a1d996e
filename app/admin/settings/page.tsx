import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { formatDate } from '@/lib/core/dates';
import type { Metadata } from 'next';
import { Field, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { TEXT_HINT } from '@/components/portal-admin/text-hint';
import { FormNotice, Notice } from '@/components/ui/notice';
import { requireTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';

import { SETTINGS_ERRORS } from '@/lib/portal/form-errors';
import { MAX_LOGO_BYTES } from '@/lib/portal/logo';
import { MAX_EXPIRY_DAYS, readSettingsForAdmin } from '@/lib/portal/settings';
import { Section } from '@/components/ui/section';

export const metadata: Metadata = { title: 'Portal settings', description: 'The vendor’s name and logo, the portal’s texts and the security.txt fields.' };

const DAY = 86_400_000;
const SUCCESS: Record<string, string> = {
  saved: 'Settings saved. The public portal shows them now.',
  logo: 'Logo uploaded.',
  logo_removed: 'Logo removed.',
};

const card = 'space-y-4 rounded-lg border border-slate-200 bg-white p-5';

export default async function AdminSettings({ searchParams }: { searchParams: PageSearchParams }) {
  const actor = await requireTrustAdmin('/admin/settings');
  const settings = await readSettingsForAdmin({ db: await getDatabase(), actor });
  const now = systemClock.now();
  const expires = new Date(settings.securityTxtExpiresAt);
  const daysLeft = Math.floor((expires.getTime() - now.getTime()) / DAY);
  const params = await searchParams;
  const success = Object.keys(SUCCESS).find((k) => params[k] === '1');
  const contact = settings.securityContact.startsWith('mailto:') ? settings.securityContact.slice(7) : settings.securityContact;
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Portal settings</h1>
      <p className="mt-1 text-slate-700">The vendor’s name and logo, the texts of the public portal, and what security.txt says.</p>
      <div className="mt-4">
        <FormNotice error={singleParam((await searchParams).error)} errors={SETTINGS_ERRORS} success={success ? SUCCESS[success] : undefined} />
        {!settings.saved ? (
          <Notice tone="warning" className="mb-4">
            Not saved yet: the public portal shows defaults until you save these settings.
          </Notice>
        ) : null}
        {settings.saved && daysLeft < 30 ? (
          <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {daysLeft < 0
              ? `The security.txt expiry passed on ${formatDate(expires)}. The portal serves a short provisional expiry until you set a new one.`
              : `security.txt expires on ${formatDate(expires)}. Set a new expiry soon.`}
          </p>
        ) : null}
      </div>

      <form method="post" action="/api/admin/settings" className="space-y-6">
        <Section id="portal" title="Portal" className={card}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Vendor name" name="vendorName" required maxLength={100} defaultValue={settings.vendorName} />
            <Field
              label="Status page address"
              name="statusPageUrl"
              type="url"
              maxLength={500}
              defaultValue={settings.statusPageUrl ?? ''}
              hint="Linked in the footer of every page. Leave blank for none."
            />
          </div>
          <Field label="Tagline" name="tagline" maxLength={300} defaultValue={settings.tagline} />
          <TextArea label="Overview" name="overview" rows={4} maxLength={4000} defaultValue={settings.overview} hint="The introduction of the overview page." />
        </Section>

        <Section id="disclosure" title="security.txt and vulnerability disclosure" className={card}>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label="Security contact"
              name="securityContact"
              required
              maxLength={300}
              defaultValue={contact}
              hint="An e-mail address or an https:// address."
            />
            <Field
              label="security.txt expires on"
              name="securityTxtExpiresAt"
              type="date"
              required
              min={new Date(now.getTime() + DAY).toISOString().slice(0, 10)}
              max={new Date(now.getTime() + MAX_EXPIRY_DAYS * DAY).toISOString().slice(0, 10)}
              defaultValue={settings.securityTxtExpiresAt.slice(0, 10)}
              hint={`In the future, at most ${MAX_EXPIRY_DAYS} days ahead.`}
            />
            <Field
              label="Preferred languages"
              name="preferredLanguages"
              required
              maxLength={100}
              defaultValue={settings.preferredLanguages}
              hint="Language tags, separated by commas: “en, de”."
            />
          </div>
          <TextArea
            label="Vulnerability disclosure policy"
            name="disclosurePolicy"
            rows={14}
            maxLength={20_000}
            defaultValue={settings.disclosurePolicy}
            hint={`Shown at /vulnerability-disclosure, which security.txt names as its policy. ${TEXT_HINT}`}
          />
          <p className="text-sm">
            <a href="/.well-known/security.txt" className="text-brand-700 underline">
              View the security.txt served now
            </a>
          </p>
        </Section>

        <Section id="access" title="Document access" className={card}>
          <div className="sm:w-72">
            <Field
              label="Access grant days"
              name="accessGrantDays"
              type="number"
              required
              min={1}
              max={90}
              step={1}
              defaultValue={settings.accessGrantDays}
              hint="How long an approved reviewer keeps access to gated documents (1 to 90 days)."
            />
          </div>
        </Section>

        <SubmitButton>Save settings</SubmitButton>
      </form>

      <Section id="logo" title="Logo" className={`mt-10 ${card}`}>
        {settings.logoVersion ? (
          <div className="flex flex-wrap items-center gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- the same-origin logo the staff uploaded */}
            <img
              src={`/logo?v=${settings.logoVersion}`}
              alt={`Current logo of ${settings.vendorName}`}
              className="h-12 w-auto rounded border border-slate-200 bg-white p-1"
            />
            <p className="text-sm text-slate-700">
              {settings.logoType?.replace('image/', '').toUpperCase()}, {Math.ceil((settings.logoSize ?? 0) / 1024)} KB
            </p>
            <form method="post" action="/api/admin/settings/logo/delete">
              <SubmitButton variant="secondary">Remove logo</SubmitButton>
            </form>
          </div>
        ) : (
          <p className="text-sm text-slate-700">No logo: the portal shows a shield next to the vendor’s name.</p>
        )}
        <form method="post" action="/api/admin/settings/logo" encType="multipart/form-data" className="flex flex-wrap items-start gap-3">
          <Field
            label="Logo image"
            name="logo"
            type="file"
            required
            accept="image/png,image/jpeg,image/webp"
            hint={`PNG, JPEG or WebP, at most ${MAX_LOGO_BYTES / 1024} KB. Shown about 28 pixels high.`}
          />
          <div className="sm:pt-6">
            <SubmitButton>Upload logo</SubmitButton>
          </div>
        </form>
      </Section>
    </div>
  );
}
