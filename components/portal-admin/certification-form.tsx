import { CERTIFICATION_STATUSES } from '@/drizzle/schema';
import { STATUS_LABELS } from '@/lib/portal/certification-rules';
import type { AdminCertification, ReportOption } from '@/lib/portal/certifications';
import { Field, Select, TextArea } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/button';
import { FormCard } from '@/components/ui/form-card';

const VISIBILITY = { public: 'public', nda: 'under NDA', restricted: 'restricted' } as const;

/** Adds (no `certification`) or edits a certification; posts to the staff API. */
export function CertificationForm({
  action,
  certification: c,
  reports,
  submitLabel,
}: {
  action: string;
  certification?: AdminCertification;
  reports: ReportOption[];
  submitLabel: string;
}) {
  const reportOptions = [{ value: '', label: 'No report' }, ...reports.map((r) => ({ value: r.id, label: `${r.title} (${VISIBILITY[r.visibility]})` }))];
  // A linked report that is archived is no longer offered, but stays selected until changed.
  if (c?.reportDocumentId && !reports.some((r) => r.id === c.reportDocumentId)) {
    reportOptions.push({ value: c.reportDocumentId, label: `${c.reportDocumentTitle ?? 'Unknown document'} (archived)` });
  }
  return (
    <FormCard action={action} className="space-y-4 p-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Framework" name="framework" required maxLength={120} defaultValue={c?.framework} />
        <Select
          label="Status"
          name="status"
          defaultValue={c?.status ?? 'not_started'}
          options={CERTIFICATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
      </div>
      <TextArea
        label="Description"
        name="description"
        rows={3}
        maxLength={2000}
        defaultValue={c?.description}
        hint="Shown under the framework on the public page."
      />
      <fieldset className="rounded-md border border-slate-300 p-4">
        <legend className="px-1 text-sm font-medium text-slate-900">Dates</legend>
        <p className="mb-3 text-xs text-slate-600">
          An audit window, an attestation or an expired certification has an audit period (for a certificate: its validity). Not started and in progress have no
          period, only a target date if you have one.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Audit period start" name="periodStart" type="date" defaultValue={c?.periodStart ?? ''} />
          <Field label="Audit period end" name="periodEnd" type="date" defaultValue={c?.periodEnd ?? ''} />
          <Field label="Target date" name="targetDate" type="date" defaultValue={c?.targetDate ?? ''} hint="When the report or certificate is expected." />
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select
          label="Report document"
          name="reportDocumentId"
          defaultValue={c?.reportDocumentId ?? ''}
          options={reportOptions}
          hint="Public documents download from the certifications page; gated ones send reviewers to request access."
        />
        <Field
          label="Order on the page"
          name="position"
          type="number"
          min={0}
          max={1000}
          step={1}
          defaultValue={c?.position}
          hint={c ? 'Lower numbers come first.' : 'Leave blank to add it at the end.'}
        />
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </FormCard>
  );
}
