import { SubmitButton } from '@/components/ui/button';
import { DOCUMENT_VISIBILITIES, type DocumentVisibility } from '@/drizzle/schema';
import { VISIBILITY_LABELS } from './badges';

export const fieldClass = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal text-slate-900';
export const labelClass = 'block text-sm font-medium text-slate-800';

/** The metadata fields shared by the create and edit forms. */
export function DocumentFields({
  values,
  categories,
}: {
  values?: { title: string; category: string; description: string; visibility: DocumentVisibility; validUntil: string | null };
  categories: string[];
}) {
  return (
    <>
      <label className={labelClass}>
        Title
        <input name="title" required maxLength={200} defaultValue={values?.title} className={fieldClass} />
      </label>
      <label className={labelClass}>
        Category
        <input name="category" required maxLength={60} defaultValue={values?.category} list="document-categories" className={fieldClass} />
        <datalist id="document-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </label>
      <label className={`${labelClass} sm:col-span-2`}>
        Description
        <textarea name="description" maxLength={2000} rows={3} defaultValue={values?.description} className={fieldClass} />
      </label>
      <label className={labelClass}>
        Who may read it
        <select name="visibility" defaultValue={values?.visibility ?? 'nda'} className={fieldClass}>
          {DOCUMENT_VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_LABELS[v]}
            </option>
          ))}
        </select>
      </label>
      <div>
        <label className={labelClass}>
          Valid until <span className="font-normal text-slate-600">(optional)</span>
          <input name="validUntil" type="date" defaultValue={values?.validUntil ?? ''} className={fieldClass} aria-describedby="valid-until-hint" />
        </label>
        <p id="valid-until-hint" className="mt-1 text-xs text-slate-600">
          Shown on the portal; trust admins are e-mailed 30 days before it passes.
        </p>
      </div>
    </>
  );
}

/** The PDF upload control, with why a file must carry no password. */
function PdfFileField() {
  return (
    <div>
      <label className={labelClass}>
        PDF file <span className="font-normal text-slate-600">(at most 20 MB)</span>
        <input name="file" type="file" required accept="application/pdf,.pdf" className={fieldClass} aria-describedby="file-hint" />
      </label>
      <p id="file-hint" className="mt-1 text-xs text-slate-600">
        Without a password or restrictions: each copy of an NDA or restricted document is stamped with its reader’s name.
      </p>
    </div>
  );
}

/** The note kept with an uploaded version. */
function VersionNoteField({ placeholder }: { placeholder: string }) {
  return (
    <label className={labelClass}>
      Version note <span className="font-normal text-slate-600">(optional)</span>
      <input name="note" maxLength={500} className={fieldClass} placeholder={placeholder} />
    </label>
  );
}

/** The end of the create and new version forms: the PDF, its note and the submit button. */
export function VersionUploadFields({ notePlaceholder, submitLabel }: { notePlaceholder: string; submitLabel: string }) {
  return (
    <>
      <PdfFileField />
      <VersionNoteField placeholder={notePlaceholder} />
      <div className="sm:col-span-2">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </>
  );
}
