import { formatDateTime } from '@/lib/core/dates';
import { config } from '@/lib/core/config';
import type { Mail } from '@/lib/mail/outbox';

function list(titles: string[]) {
  return titles.map((t) => `- ${t}`).join('\n');
}

function accessLink(token: string): string {
  return new URL(`/access/${token}`, config().appUrl).href;
}

/** A mail to the person who asked for access: a greeting by name, then `body`, a line each. */
function toRequester(kind: string, m: { to: string; name: string }, subject: string, body: string[]): Mail {
  return { kind, to: m.to, subject, text: [`Hello ${m.name},`, '', ...body].join('\n') };
}

export function grantMail(m: { to: string; name: string; vendorName: string; titles: string[]; token: string; expiresAt: Date }): Mail {
  return toRequester('access_granted', m, `Your access to ${m.vendorName} documents`, [
    `your request was approved. This link opens the documents below on the ${m.vendorName} trust portal:`,
    '',
    accessLink(m.token),
    '',
    list(m.titles),
    '',
    `The link works until ${formatDateTime(m.expiresAt)}. It is personal: please do not forward it. If you need the documents after that, request access again.`,
  ]);
}

export function refusalMail(m: { to: string; name: string; vendorName: string; freeMail: boolean }): Mail {
  return toRequester('access_denied', m, `Your request for ${m.vendorName} documents`, [
    `thank you for your interest in ${m.vendorName}. We are sorry, but we cannot share the documents you asked for in response to this request.`,
    m.freeMail
      ? 'We share confidential documents only with requests made from a company e-mail address. Please ask again from your work address.'
      : 'If you believe this is a mistake, please reply through your contact at our company and we will look at it again.',
    '',
    `Kind regards,\n${m.vendorName}`,
  ]);
}

export function receivedMail(m: {
  to: string;
  name: string;
  vendorName: string;
  titles: string[];
  outcome: 'approve' | 'review' | 'deny';
  attachment?: { filename: string; content: Buffer };
}): Mail {
  const next = {
    approve: 'It was approved: a separate e-mail brings your personal link.',
    review: 'Our team will review it, usually within one business day, and e-mail you the outcome.',
    deny: 'A separate e-mail explains the outcome.',
  }[m.outcome];
  return {
    ...toRequester('access_request_received', m, `We received your request for ${m.vendorName} documents`, [
      'we received your request for:',
      list(m.titles),
      '',
      next,
      ...(m.attachment ? ['', 'Attached is the record of the NDA you accepted, for your files.'] : []),
    ]),
    attachment: m.attachment,
  };
}

export function adminNoticeMail(m: {
  to: string;
  request: { name: string; email: string; company: string; reason: string };
  titles: string[];
  outcome: { decision: 'approve' | 'review' | 'deny'; reason: string };
  mutualNda: boolean;
  attachment?: { filename: string; content: Buffer };
}): Mail {
  const status = { approve: 'approved by rule', review: 'waiting for your review', deny: 'denied by rule' }[m.outcome.decision];
  return {
    kind: 'access_request_notice',
    to: m.to,
    subject: `Access request from ${m.request.name} (${m.request.company}): ${status}`,
    text: [
      `${m.request.name} <${m.request.email}> of ${m.request.company} asked for:`,
      list(m.titles),
      '',
      `Reason: ${m.request.reason}`,
      '',
      `Outcome: ${status}. ${m.outcome.reason}`,
      m.mutualNda ? 'The domain has a signed mutual NDA on file, so no click-through was needed.' : 'The NDA acceptance record is attached.',
      '',
      `Queue: ${new URL('/admin/access-requests', config().appUrl).href}`,
    ].join('\n'),
    attachment: m.attachment,
  };
}
