import { Table } from '@/components/ui/table';
import { formatDateTime } from '@/lib/core/dates';
import type { Metadata } from 'next';
import Link from 'next/link';
import { VisibilityBadge } from '@/components/documents/badges';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeading } from '@/components/ui/page-heading';
import { requireTrustAdmin } from '@/lib/auth/request';
import { getDatabase } from '@/lib/db';

import { listQuestionnaires } from '@/lib/questionnaires/read';

export const metadata: Metadata = { title: 'Questionnaires', description: 'Keep the answers to the security questionnaires current.' };

const link = 'text-brand-700 hover:underline';

export default async function AdminQuestionnaires() {
  const actor = await requireTrustAdmin('/admin/questionnaires');
  const questionnaires = await listQuestionnaires({ db: await getDatabase(), actor });
  return (
    <div>
      <PageHeading title="Questionnaires">
        Your answers to the built-in security questionnaires. Reviewers download them as PDFs from the documents page, generated from the answers saved here;
        who may download each one is set by its document’s visibility.
      </PageHeading>
      {questionnaires.length === 0 ? (
        <EmptyState title="No questionnaires yet">
          The built-in questionnaires are installed with the portal’s content: run <code className="font-mono">npm run trust -- db seed</code>.
        </EmptyState>
      ) : (
        <Table columns={[{ label: 'Questionnaire' }, { label: 'Answered' }, { label: 'Answers last changed', wideOnly: true }, { label: 'Download' }]}>
          {questionnaires.map((q) => (
            <tr key={q.slug}>
              <td className="px-4 py-3">
                <Link href={`/admin/questionnaires/${q.slug}`} className="font-medium text-brand-700 hover:underline">
                  {q.title}
                </Link>
                <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <VisibilityBadge visibility={q.document.visibility} />
                  {q.document.archived ? <span className="rounded-full bg-slate-200 px-2 py-0.5 font-medium">Archived</span> : null}
                  <span className="break-all font-mono">/documents/{q.document.slug}.pdf</span>
                </span>
              </td>
              <td className="px-4 py-3 text-slate-700">
                <span className="font-medium text-slate-900">
                  {q.answered} of {q.questions}
                </span>
                <span className={`block text-xs ${q.unanswered > 0 ? 'font-medium text-amber-800' : 'text-slate-600'}`}>
                  {q.unanswered === 0 ? 'All answered' : `${q.unanswered} not answered`}
                </span>
              </td>
              <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">
                {formatDateTime(q.answersChangedAt)}
                <span className="block text-xs text-slate-600">{q.answersChangedBy ?? 'Demo data'}</span>
              </td>
              <td className="px-4 py-3">
                <span className="flex flex-wrap gap-x-3 gap-y-1">
                  <a href={`/api/admin/questionnaires/${q.slug}/pdf`} className={link}>
                    PDF<span className="sr-only"> of {q.title}</span>
                  </a>
                  <a href={`/api/admin/questionnaires/${q.slug}/export.xlsx`} className={link}>
                    XLSX<span className="sr-only"> export of {q.title}</span>
                  </a>
                  <a href={`/api/admin/questionnaires/${q.slug}/export.csv`} className={link}>
                    CSV<span className="sr-only"> export of {q.title}</span>
                  </a>
                </span>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p className="mt-4 max-w-3xl text-sm text-slate-600">
        To change who may download a questionnaire, edit its document on the{' '}
        <Link href="/admin/documents" className="text-brand-700 underline">
          documents page
        </Link>
        . Gated copies are handed out only with an approved access request.
      </p>
    </div>
  );
}
