import type { Mail } from '@/lib/mail/outbox';
import { isoDate, longDate } from '@/lib/subprocessors/dates';
import { changeTitle, type PendingChange } from '@/lib/subprocessors/timeline';
import { CONFIRM_VALID_DAYS } from './policy';
import { link, type LinkKeys } from './tokens';

/** RFC 8058: mail clients offer their own unsubscribe button, which posts to this link. */
function unsubscribeHeaders(keys: LinkKeys, unsubscribe: string) {
  return {
    'List-Unsubscribe': `<${link(keys, '/api/subscriptions/unsubscribe', unsubscribe)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** Every mail ends with why it came and a one-click way out. */
function footer(keys: LinkKeys, unsubscribe: string) {
  return [
    '--',
    'You receive this because this address subscribed to sub-processor changes on our trust center.',
    `Unsubscribe: ${link(keys, '/subscriptions/unsubscribe', unsubscribe)}`,
  ].join('\n');
}

export function confirmMail(keys: LinkKeys, vendor: string, to: string, confirm: string, unsubscribe: string): Mail {
  return {
    kind: 'subscription_confirm',
    to,
    headers: unsubscribeHeaders(keys, unsubscribe),
    subject: `Confirm your subscription to ${vendor}'s sub-processor changes`,
    text: [
      `Someone, probably you, asked to be told by e-mail when ${vendor} plans a change to the sub-processors that process data on its behalf.`,
      '',
      'Confirm your subscription:',
      link(keys, '/subscriptions/confirm', confirm),
      '',
      `The link is valid for ${CONFIRM_VALID_DAYS} days. If you did not ask for this, ignore this mail: nothing will be sent to you unless you confirm.`,
      '',
      footer(keys, unsubscribe),
    ].join('\n'),
  };
}

export function alreadySubscribedMail(keys: LinkKeys, vendor: string, to: string, unsubscribe: string): Mail {
  return {
    kind: 'subscription_exists',
    to,
    headers: unsubscribeHeaders(keys, unsubscribe),
    subject: `You're already subscribed to ${vendor}'s sub-processor changes`,
    text: [
      `Someone, probably you, asked to subscribe this address to ${vendor}'s sub-processor changes. It is already subscribed, so there is nothing to do: you will hear of every change when it is announced.`,
      '',
      `The current list and upcoming changes: ${link(keys, '/subprocessors')}`,
      '',
      footer(keys, unsubscribe),
    ].join('\n'),
  };
}

function changeBlock(c: PendingChange, index: number) {
  const lines = [`${index + 1}. ${changeTitle(c)}, effective ${longDate(c.effectiveAt)} (${isoDate(c.effectiveAt)})`];
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
      footer(keys, unsubscribe),
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
      `${changeTitle(change)}, which was to take effect on ${longDate(change.effectiveAt)} (${isoDate(change.effectiveAt)}).`,
      '',
      `The current list and every upcoming change: ${link(keys, '/subprocessors')}`,
      '',
      footer(keys, unsubscribe),
    ].join('\n'),
  };
}
