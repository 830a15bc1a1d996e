import type { PageSearchParams } from '@/lib/core/search-params';
import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Access link not valid',
  description: 'The document access link could not be used: it is unknown, has expired or was revoked.',
};

const REASONS: Record<string, { title: string; body: string }> = {
  expired: {
    title: 'This access link has expired',
    body: 'Links to confidential documents work for a limited time. Request access again and we will send you a new link.',
  },
  revoked: {
    title: 'This access link was withdrawn',
    body: 'Our team ended the access this link gave. If you still need the documents, request access again or contact your contact at our company.',
  },
  invalid: {
    title: 'This access link is not valid',
    body: 'The link is incomplete or unknown. Open it straight from the e-mail we sent you, or request access again.',
  },
};

export default async function InvalidAccessLink({ searchParams }: { searchParams: PageSearchParams }) {
  const reason = (await searchParams).reason;
  const { title, body } = REASONS[typeof reason === 'string' && reason in REASONS ? reason : 'invalid'];
  return (
    <div className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700">Access link</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{title}</h1>
      <p className="mt-3 text-slate-700">{body}</p>
      <a href="/documents#request-access" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Request access
      </a>
    </div>
  );
}
