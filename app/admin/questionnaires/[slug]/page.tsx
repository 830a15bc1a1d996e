import { Notice } from '@/components/ui/notice';
import { type SearchParams, singleParam } from '@/lib/core/search-params';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { fieldClass, labelClass } from '@/components/documents/document-fields';
import { AnswerBadge } from '@/components/questionnaires/answer-badge';
import { describeProblem } from '@/components/questionnaires/problem';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';

import { AppError } from '@/lib/core/errors';
import { ANSWER_LABELS, ANSWERS, MAX_COMMENT_LENGTH } from '@/lib/questionnaires/answers';
import { MAX_IMPORT_BYTES } from '@/lib/questionnaires/limits';
import { type EvidenceChoice, getQuestionnaire, listEvidenceChoices, type QuestionView } from '@/lib/questionnaires/read';
import { DocumentHeading } from '@/components/documents/document-heading';

export const metadata: Metadata = { title: 'Questionnaire', description: 'Edit, import and export the answers to a security questionnaire.' };

type Query = SearchParams;
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Query> };

const button = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700';
const secondary = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50';

function successOf(query: Query): string | undefined {
  const saved = singleParam(query.saved);
  if (saved !== undefined) {
    const n = Number(saved);
    if (n === 0) return 'Nothing to save: these answers were already as sent.';
    return n === 1 ? 'Saved: 1 answer changed. The PDF shows the change.' : `Saved: ${n} answers changed. The PDF shows the changes.`;
  }
  const imported = singleParam(query.imported);
  if (imported !== undefined) {
    const changed = Number(singleParam(query.changed) ?? 0);
    return changed === 0
      ? `Imported ${imported} rows: they match the saved answers, so nothing changed.`
      : changed === 1
        ? `Imported ${imported} rows: 1 answer changed. The PDF shows the change.`
        : `Imported ${imported} rows: ${changed} answers changed. The PDF shows the changes.`;
  }
  return undefined;
}

/** The outcome of the form sent from this part of the page, shown beside it. */
function Outcome({ here, query }: { here: string; query: Query }) {
  if (singleParam(query.at) !== here) return null;
  const problem = describeProblem(query);
  if (problem) {
    return (
      <Notice tone="error" className="mt-3">
        {problem} Nothing was changed.
      </Notice>
    );
  }
  const success = successOf(query);
  return success ? (
    <Notice tone="success" className="mt-3">
      {success}
    </Notice>
  ) : null;
}

function EvidenceOptions({ documents, current }: { documents: EvidenceChoice[]; current: QuestionView['evidence'] }) {
  return (
    <>
      <option value="">None</option>
      {documents
        .filter((d) => !d.archived || d.slug === current?.slug)
        .map((d) => (
          <option key={d.slug} value={d.slug}>
            {d.title}
            {d.archived ? ' (archived)' : ''}
          </option>
        ))}
    </>
  );
}

function QuestionFields({ q, documents, flagged }: { q: QuestionView; documents: EvidenceChoice[]; flagged: boolean }) {
  const small = 'block text-xs font-medium text-slate-700';
  const control = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900';
  return (
    <fieldset
      id={`q-${q.questionId}`}
      className={`scroll-mt-6 border-t pt-4 first:border-t-0 first:pt-0 ${flagged ? 'rounded-md border border-red-400 p-3 ring-2 ring-red-200' : 'border-slate-200'}`}
    >
      <legend className="sr-only">
        {q.questionId}: {q.question}
      </legend>
      <div className="grid gap-3 lg:grid-cols-[1fr_9rem_15rem]">
        <div className="min-w-0">
          <p className="flex items-center gap-2">
            <span className="font-mono text-xs font-semibold text-slate-600">{q.questionId}</span>
            <AnswerBadge answer={q.answer} />
          </p>
          <p className="mt-1 text-sm text-slate-900">{q.question}</p>
        </div>
        <label className={small}>
          Answer
          <select name={`answer.${q.questionId}`} defaultValue={q.answer ?? ''} aria-label={`Answer to ${q.questionId}`} className={control}>
            <option value="">Not answered</option>
            {ANSWERS.map((a) => (
              <option key={a} value={a}>
                {ANSWER_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        <label className={small}>
          Evidence
          <select name={`evidence.${q.questionId}`} defaultValue={q.evidence?.slug ?? ''} aria-label={`Evidence for ${q.questionId}`} className={control}>
            <EvidenceOptions documents={documents} current={q.evidence} />
          </select>
        </label>
        <label className={`${small} lg:col-span-3`}>
          Comment
          <textarea
            name={`comment.${q.questionId}`}
            defaultValue={q.comment}
            maxLength={MAX_COMMENT_LENGTH}
            rows={Math.min(6, Math.max(2, Math.ceil(q.comment.length / 110) + q.comment.split('\n').length - 1))}
            aria-label={`Comment on ${q.questionId}`}
            className={control}
          />
        </label>
      </div>
      <p className="mt-1 text-xs text-slate-600">Last changed {formatDateTime(q.updatedAt)}</p>
    </fieldset>
  );
}

export default async function AdminQuestionnaire({ params, searchParams }: Props) {
  const { slug } = await params;
  const actor = await requireTrustAdmin(`/admin/questionnaires/${slug}`, '/admin/questionnaires/[slug]');
  const db = await getDatabase();
  const questionnaire = await getQuestionnaire({ db, actor }, slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  if (!questionnaire) notFound();
  const documents = await listEvidenceChoices(db, actor);
  const query = await searchParams;
  const flagged = singleParam(query.question);
  const q = questionnaire;
  const section = 'rounded-lg border border-slate-200 bg-white p-5';

  return (
    <div className="flex flex-col gap-6">
      <div>
        <DocumentHeading back={{ href: '/admin/questionnaires', label: 'Questionnaires' }} title={q.title} visibility={q.document.visibility}>
          {q.document.archived ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium">Archived</span> : null}
          <span>
            {q.answered} of {q.questions} answered
            {q.unanswered > 0 ? <span className="font-medium text-amber-800"> · {q.unanswered} not answered</span> : null}
          </span>
          <span>
            Answers last changed {formatDateTime(q.answersChangedAt)}
            {q.answersChangedBy ? ` by ${q.answersChangedBy}` : ''}
          </span>
        </DocumentHeading>
        <p className="mt-3 max-w-3xl text-sm text-slate-700">{q.description}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Comments are limited to {MAX_COMMENT_LENGTH.toLocaleString('en')} characters. Evidence links to a document of the portal; reviewers open it from the
          PDF.
        </p>
        <p className="mt-3 flex flex-wrap gap-2">
          <a href={`/api/admin/questionnaires/${q.slug}/pdf`} className={secondary}>
            Download PDF
          </a>
          <a href={`/api/admin/questionnaires/${q.slug}/export.xlsx`} className={secondary}>
            Export XLSX
          </a>
          <a href={`/api/admin/questionnaires/${q.slug}/export.csv`} className={secondary}>
            Export CSV
          </a>
          <Link href={`/admin/documents/${q.document.id}`} className="px-1 py-1.5 text-sm text-brand-700 hover:underline">
            Visibility and document details
          </Link>
        </p>
      </div>

      {singleParam(query.error) && !singleParam(query.at) ? <Notice tone="error">{describeProblem(query)} Nothing was changed.</Notice> : null}

      <nav aria-labelledby="sections" className={section}>
        <h2 id="sections" className="text-lg font-semibold">
          Sections
        </h2>
        <ol className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {q.sections.map((s, i) => {
            const open = s.questions.filter((x) => x.answer === null).length;
            return (
              <li key={s.name} className="flex justify-between gap-3">
                <a href={`#section-${i + 1}`} className="text-brand-700 hover:underline">
                  {i + 1}. {s.name}
                </a>
                <span className={open > 0 ? 'font-medium text-amber-800' : 'text-slate-600'}>
                  {s.questions.length - open}/{s.questions.length}
                </span>
              </li>
            );
          })}
        </ol>
      </nav>

      <section id="import" aria-labelledby="import-heading" className={`${section} scroll-mt-6`}>
        <h2 id="import-heading" className="text-lg font-semibold">
          Import answers from a spreadsheet
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Export the answers as XLSX or CSV, change the Answer (Yes, No, N/A or empty), Comment and Evidence (a document’s slug) columns, and import the file
          here. Rows are matched by Question ID; the Section and Question columns are not read. Every row is checked first: if one is wrong, nothing is
          imported.
        </p>
        <Outcome here="import" query={query} />
        <form method="post" action={`/api/admin/questionnaires/${q.slug}/import`} encType="multipart/form-data" className="mt-4 flex flex-wrap items-end gap-4">
          <label className={labelClass}>
            XLSX or CSV file <span className="font-normal text-slate-600">(at most {MAX_IMPORT_BYTES / 1024 / 1024} MB)</span>
            <input
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className={fieldClass}
            />
          </label>
          <button type="submit" className={button}>
            Import answers
          </button>
        </form>
      </section>

      {q.sections.map((s, i) => {
        const id = `section-${i + 1}`;
        const hasFlag = flagged !== undefined && singleParam(query.at) === id && s.questions.some((x) => x.questionId === flagged);
        return (
          <section key={s.name} id={id} aria-labelledby={`${id}-heading`} className={`${section} scroll-mt-6`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`${id}-heading`} className="text-lg font-semibold">
                {i + 1}. {s.name}
              </h2>
              <span className="text-sm text-slate-600">
                {s.questions.filter((x) => x.answer !== null).length} of {s.questions.length} answered
              </span>
            </div>
            <Outcome here={id} query={query} />
            <form method="post" action={`/api/admin/questionnaires/${q.slug}/answers?section=${id}`} className="mt-4 flex flex-col gap-4">
              {s.questions.map((question) => (
                <QuestionFields key={question.questionId} q={question} documents={documents} flagged={hasFlag && question.questionId === flagged} />
              ))}
              <div>
                <button type="submit" className={button}>
                  Save section {i + 1}
                </button>
              </div>
            </form>
          </section>
        );
      })}
    </div>
  );
}
