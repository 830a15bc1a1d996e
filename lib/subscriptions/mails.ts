import type { Mail } from '@/lib/mail/outbox';
import { CONFIRM_VALID_DAYS } from './policy';
import { link, type LinkKeys } from './tokens';

/** RFC 8058: mail clients offer their own unsubscribe button, which posts to this link. */
export function unsubscribeHeaders(keys: LinkKeys, unsubscribe: string) {
  return {
    'List-Unsubscribe': `<${link(keys, '/api/subscriptions/unsubscribe', unsubscribe)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** Every mail ends with why it came and a one-click way out. */
export function subscriptionFooter(keys: LinkKeys, unsubscribe: string) {
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
      subscriptionFooter(keys, unsubscribe),
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
      subscriptionFooter(keys, unsubscribe),
    ].join('\n'),
  };
}
