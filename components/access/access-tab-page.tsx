import 'server-only';
import type { ReactNode } from 'react';
import { FormNotice } from '@/components/ui/notice';
import { countPendingRequests } from '@/lib/access/queue';
import { requireTrustAdmin } from '@/lib/auth/request';
import type { StaffActor } from '@/lib/core/actor';
import { type PageSearchParams, type SearchParams, pageParam, singleParam } from '@/lib/core/search-params';
import { type Database, getDatabase } from '@/lib/db';
import { ACCESS_ERRORS, AccessTabs, type AccessTabPath } from './access-tabs';

/** What every tab of the access request tools starts from: the signed-in trust admin, the query and its page number. */
export async function openAccessTab(path: AccessTabPath, searchParams: PageSearchParams) {
  const actor = await requireTrustAdmin(path);
  const query = await searchParams;
  return { actor, query, page: pageParam(query.page), db: await getDatabase() };
}

/**
 * The same, with the fields `read` reads for the tab and, at once, the pending requests counted for
 * the Queue tab's badge.
 */
export async function readAccessTab<T extends object>(
  path: AccessTabPath,
  searchParams: PageSearchParams,
  read: (ctx: { db: Database; actor: StaffActor }, page: number) => Promise<T>,
) {
  const { actor, query, page, db } = await openAccessTab(path, searchParams);
  const [data, pending] = await Promise.all([read({ db, actor }, page), countPendingRequests(db, actor)]);
  return { ...data, query, page, pending };
}

/** A tab of the access request tools: their heading and tabs, the outcome of the last form post, then the tab. */
export function AccessTabPage({
  current,
  pending,
  query,
  success,
  children,
}: {
  current: AccessTabPath;
  pending: number;
  query: SearchParams;
  success?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <AccessTabs current={current} pending={pending} />
      <FormNotice error={singleParam(query.error)} errors={ACCESS_ERRORS} success={success} />
      {children}
    </div>
  );
}
