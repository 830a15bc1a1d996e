import { formatDateTime } from '@/lib/core/dates';
import { config } from '@/lib/core/config';
import type { Mail } from '@/lib/mail/outbox';

function list(titles: string[]) {
  return titles.map((t) => `- ${t}`).join('\n');
}

function accessLink(token: string): string {
  return new URL(`/access/${token}`, config().appUrl).href;
}

export function grantMail(m: { to: string; name: string; vendorName: string; titles: string[]; token: string; expiresAt: Date }): Mail {
  return {
    kind: 'access_granted',
    to: m.to,
    subject: `Your access to ${m.vendorName} documents`,
    text: [
      `Hello ${m.name},`,
      '',
      `your request was approved. This link opens the documents below on the ${m.vendorName} trust portal:`,
      '',
      accessLink(m.token),
      '',
      list(m.titles),
      '',
      `The link works until ${formatDateTime(m.expiresAt)}. It is personal: please do not forward it. If you need the documents after that, request access again.`,
    ].join('\n'),
  };
}

export function refusalMail(m: { to: string; name: string; vendorName: string; freeMail: boolean }): Mail {
  return {
    kind: 'access_denied',
    to: m.to,
    subject: `Your request for ${m.vendorName} documents`,
    text: [
      `Hello ${m.name},`,
      '',
      `thank you for your interest in ${m.vendorName}. We are sorry, but we cannot share the documents you asked for in response to this request.`,
      m.freeMail
        ? 'We share confidential documents only with requests made from a company e-mail address. Please ask again from your work address.'
        : 'If you believe this is a mistake, please reply through your contact at our company and we will look at it again.',
      '',
      `Kind regards,\n${m.vendorName}`,
    ].join('\n'),
  };
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
    kind: 'access_request_received',
    to: m.to,
    subject: `We received your request for ${m.vendorName} documents`,
    text: [
      `Hello ${m.name},`,
      '',
      'we received your request for:',
      list(m.titles),
      '',
      next,
      ...(m.attachment ? ['', 'Attached is the record of the NDA you accepted, for your files.'] : []),
    ].join('\n'),
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
