import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { LINK_ERRORS, TokenAction } from '@/components/subprocessors/token-action';

export const metadata: Metadata = {
  title: 'Unsubscribe',
  description: 'Stop receiving e-mail about changes to our sub-processors.',
  robots: { index: false },
};

export default async function Unsubscribe({ searchParams }: { searchParams: PageSearchParams }) {
  const params = await searchParams;
  return (
    <TokenAction
      title="Unsubscribe from sub-processor changes"
      intro={<p>Press the button and we will stop e-mailing you about sub-processor changes. You can subscribe again at any time.</p>}
      action="/api/subscriptions/unsubscribe"
      button="Unsubscribe"
      token={singleParam(params.token)}
      done={singleParam(params.done) === '1' ? <p>You are unsubscribed. We will not e-mail you about sub-processor changes again.</p> : undefined}
      error={singleParam(params.error)}
      errors={LINK_ERRORS}
    />
  );
}
