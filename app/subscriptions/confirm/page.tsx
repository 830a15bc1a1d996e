import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import type { Metadata } from 'next';
import { LINK_ERRORS, TokenAction } from '@/components/subprocessors/token-action';

export const metadata: Metadata = {
  title: 'Confirm your subscription',
  description: 'Confirm that you want e-mail about changes to our sub-processors.',
  robots: { index: false },
};

export default async function ConfirmSubscription({ searchParams }: { searchParams: PageSearchParams }) {
  const params = await searchParams;
  const done = singleParam(params.done);
  return (
    <TokenAction
      title="Confirm your subscription"
      intro={<p>Press the button to receive an e-mail whenever we announce a change to our sub-processors.</p>}
      action="/api/subscriptions/confirm"
      button="Confirm my subscription"
      token={singleParam(params.token)}
      done={
        done === 'confirmed' ? (
          <p>You are subscribed. We will e-mail you when we announce a change, before it takes effect.</p>
        ) : done === 'already_confirmed' ? (
          <p>You were already subscribed: nothing more to do.</p>
        ) : undefined
      }
      error={singleParam(params.error)}
      errors={LINK_ERRORS}
    />
  );
}
