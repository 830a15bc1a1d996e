import { z } from 'zod';
import { text } from '@/lib/portal/input';

/** The Standard Contractual Clauses (EU 2021/914) modules a DPA can incorporate. */
export const SCC_MODULES = {
  one: 'Module One: transfer controller to controller',
  two: 'Module Two: transfer controller to processor',
  three: 'Module Three: transfer processor to processor',
  four: 'Module Four: transfer processor to controller',
} as const;
export type SccModule = keyof typeof SCC_MODULES;
const MODULE_KEYS = Object.keys(SCC_MODULES) as [SccModule, ...SccModule[]];

/** What each field must be, in words: used by the validation and by the staff page. */
export const DPA_FIELD_MESSAGES = {
  title: 'Enter a title, up to 200 characters.',
  processorName: 'Enter the processor’s legal name, up to 200 characters.',
  processorAddress: 'Enter the processor’s registered address, up to 500 characters.',
  processorContact: 'Enter the privacy contact’s e-mail address.',
  preamble: 'Enter the preamble, up to 5,000 characters.',
  subjectMatter: 'Describe the subject matter of the processing, up to 2,000 characters.',
  duration: 'Describe the duration of the processing, up to 2,000 characters.',
  natureAndPurpose: 'Describe the nature and purpose of the processing, up to 5,000 characters.',
  dataCategories: 'List between 1 and 50 categories of personal data, one per line, each up to 200 characters.',
  dataSubjects: 'List between 1 and 50 categories of data subjects, one per line, each up to 200 characters.',
  specialCategories: 'Describe special categories of data and their safeguards, up to 2,000 characters (or “None”).',
  sccModules: 'Choose the Standard Contractual Clauses modules that apply (any of one, two, three, four).',
  clauses: 'Give between 1 and 40 clauses, each with a heading (up to 200 characters) and a text (up to 10,000).',
  governingLaw: 'Enter the governing law and forum, up to 300 characters.',
} as const;
const M = DPA_FIELD_MESSAGES;

/**
 * The terms as published (strict: every field filled in) or as a draft being written (lenient:
 * fields may still be empty, so saving a draft never loses what was typed; limits still hold).
 */
function contentSchema(strict: boolean) {
  const min = (n: number) => (strict ? n : 0);
  const list = (message: string) =>
    z
      .array(text(message, { min: 1, max: 200 }), message)
      .min(min(1), message)
      .max(50, message);
  return z.object({
    title: text(M.title, { min: min(1), max: 200 }),
    processorName: text(M.processorName, { min: min(1), max: 200 }),
    processorAddress: text(M.processorAddress, { min: min(1), max: 500 }),
    processorContact: strict
      ? z.email(M.processorContact).max(254, M.processorContact)
      : z.union([z.literal(''), z.email(M.processorContact).max(254, M.processorContact)], M.processorContact),
    preamble: text(M.preamble, { max: 5000 }),
    subjectMatter: text(M.subjectMatter, { min: min(1), max: 2000 }),
    duration: text(M.duration, { min: min(1), max: 2000 }),
    natureAndPurpose: text(M.natureAndPurpose, { min: min(1), max: 5000 }),
    dataCategories: list(M.dataCategories),
    dataSubjects: list(M.dataSubjects),
    specialCategories: text(M.specialCategories, { min: min(1), max: 2000 }),
    sccModules: z
      .array(z.enum(MODULE_KEYS, M.sccModules), M.sccModules)
      .max(4, M.sccModules)
      .transform((modules) => MODULE_KEYS.filter((m) => modules.includes(m))),
    clauses: z
      .array(z.object({ heading: text(M.clauses, { min: min(1), max: 200 }), body: text(M.clauses, { min: min(1), max: 10_000 }) }), M.clauses)
      .min(min(1), M.clauses)
      .max(40, M.clauses),
    governingLaw: text(M.governingLaw, { min: min(1), max: 300 }),
  });
}

export const dpaContentSchema = contentSchema(true);
export const dpaDraftSchema = contentSchema(false);

export type DpaContent = z.output<typeof dpaContentSchema>;
export type DpaDraftContent = z.output<typeof dpaDraftSchema>;

/** A form's fields as the content: lists one per line, modules as scc_<module> checkboxes, clauses as clause_<n>_heading/body pairs. */
export function contentFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const lines = (v: unknown) =>
    typeof v === 'string'
      ? v
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : v;
  const clauses: { heading: unknown; body: unknown }[] = [];
  for (let i = 0; i < 60; i++) {
    const heading = form[`clause_${i}_heading`];
    const body = form[`clause_${i}_body`];
    if (heading === undefined && body === undefined) continue;
    // A clause whose heading and text were both emptied is removed.
    if (`${heading ?? ''}`.trim() === '' && `${body ?? ''}`.trim() === '') continue;
    clauses.push({ heading: heading ?? '', body: body ?? '' });
  }
  return {
    ...Object.fromEntries(Object.entries(form).filter(([k]) => !k.startsWith('clause_') && !k.startsWith('scc_'))),
    dataCategories: lines(form.dataCategories),
    dataSubjects: lines(form.dataSubjects),
    // One checkbox per module (scc_one ... scc_four): present when ticked.
    sccModules: MODULE_KEYS.filter((m) => form[`scc_${m}`] !== undefined),
    clauses,
  };
}
