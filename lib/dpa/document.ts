import 'server-only';
import type { Actor } from '@/lib/core/actor';
import type { Clock } from '@/lib/core/clock';
import type { DbHandle } from '@/lib/db/with-actor';
import type { GeneratedPdf, GeneratedRenderer } from '@/lib/pdf/generated';
import { renderCached } from '@/lib/pdf/render-cache';
import { readExecutedDpa, recordDpaDownload } from './executions';
import { renderDpaPdf } from './pdf';
import { type DpaExecutionFacts, type DpaRenderInput, dpaRenderInput } from './render-input';
import { currentDpaVersion } from './versions';

const fileStem = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'Customer';

async function render(input: DpaRenderInput, filename: string): Promise<GeneratedPdf> {
  return { filename, pdf: await renderCached(input, () => renderDpaPdf(input)) };
}

/** /documents/dpa.pdf: the version in force as a template, with the live annexes. Null before the first version. */
export const renderDpaDocument: GeneratedRenderer = async (db, clock) => {
  const version = await currentDpaVersion(db);
  if (!version) return null;
  const input = await dpaRenderInput(
    db,
    clock,
    { number: version.version, contentSha256: version.contentSha256, publishedAt: version.publishedAt, content: version.content },
    null,
  );
  return render(input, `${fileStem(input.vendorName)}-DPA-v${version.version}.pdf`);
};

/**
 * The DPA executed for the caller's tenant (the given execution, or the latest), naming the
 * tenant's legal name and the date of execution, with the live annexes. Null when the tenant
 * has not executed it, or the execution is not the caller's tenant's (RLS decides). The copy
 * is recorded as `dpa.downloaded` before it is handed out.
 */
export async function renderExecutedDpa(db: DbHandle, clock: Clock, actor: Actor, executionId?: string): Promise<GeneratedPdf | null> {
  const executed = await readExecutedDpa(db, actor, executionId);
  if (!executed) return null;
  const execution: DpaExecutionFacts = {
    id: executed.id,
    customerLegalName: executed.customerLegalName,
    signerName: executed.signerName,
    signerTitle: executed.signerTitle,
    signerEmail: executed.signerEmail,
    executedAt: executed.executedAt,
  };
  const version = { number: executed.version, contentSha256: executed.contentSha256, publishedAt: executed.publishedAt, content: executed.content };
  const input = await dpaRenderInput(db, clock, version, execution);
  const rendered = await render(input, `${fileStem(executed.customerLegalName)}-DPA-v${executed.version}-executed-${executed.executedAt.slice(0, 10)}.pdf`);
  if (actor.kind === 'customer') await recordDpaDownload(db, actor, executed);
  return rendered;
}
