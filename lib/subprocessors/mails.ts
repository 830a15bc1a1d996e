import { formatDate } from '@/lib/core/dates';
import type { Mail } from '@/lib/mail/outbox';
import { subscriptionFooter, unsubscribeHeaders } from '@/lib/subscriptions/mails';
import { link, type LinkKeys } from '@/lib/subscriptions/tokens';
import { isoDate } from './dates';
import { changeTitle, type PendingChange } from './timeline';

function changeBlock(c: PendingChange, index: number) {
  const lines = [`${index + 1}. ${changeTitle(c)}, effective ${formatDate(c.effectiveAt)} (${isoDate(c.effectiveAt)})`];
  for (const d of c.differences) lines.push(`   ${d}`);
  if (c.kind !== 'remove') lines.push(`   Website: ${c.website}`);
  if (c.reason) lines.push(`   Reason: ${c.reason}`);
  return lines.join('\n');
}

/** One mail per announcement, listing every change in it with its effective date (GDPR Art. 28(4) notice). */
export function announcementMail(keys: LinkKeys, vendor: string, to: string, changes: PendingChange[], unsubscribe: string): Mail {
  const n = changes.length;
  return {
    kind: 'subprocessor_announcement',
    to,
    headers: unsubscribeHeaders(keys, unsubscribe),
    subject: `${vendor}: ${n} sub-processor change${n === 1 ? '' : 's'} announced`,
    text: [
      `${vendor} announces ${n === 1 ? 'a change' : `${n} changes`} to the sub-processors that process personal data on its behalf. Each takes effect on the date shown.`,
      '',
      changes.map(changeBlock).join('\n\n'),
      '',
      'If you object to a change, tell us before it takes effect.',
      '',
      `The current list and every upcoming change: ${link(keys, '/subprocessors')}`,
      `Machine-readable: ${link(keys, '/subprocessors.json')} · Atom feed: ${link(keys, '/subprocessors/feed.xml')}`,
      '',
      subscriptionFooter(keys, unsubscribe),
    ].join('\n'),
  };
}

export function cancellationMail(keys: LinkKeys, vendor: string, to: string, change: PendingChange, unsubscribe: string): Mail {
  return {
    kind: 'subprocessor_cancellation',
    to,
    headers: unsubscribeHeaders(keys, unsubscribe),
    subject: `${vendor}: an announced sub-processor change is cancelled`,
    text: [
      `The following change that ${vendor} announced will not take place:`,
      '',
      `${changeTitle(change)}, which was to take effect on ${formatDate(change.effectiveAt)} (${isoDate(change.effectiveAt)}).`,
      '',
      `The current list and every upcoming change: ${link(keys, '/subprocessors')}`,
      '',
      subscriptionFooter(keys, unsubscribe),
    ].join('\n'),
  };
}
