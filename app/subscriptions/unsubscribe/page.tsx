import type { Metadata } from 'next';
import { LINK_ERRORS, TokenAction } from '@/components/subprocessors/token-action';

export const metadata: Metadata = {
  title: 'Unsubscribe',
  description: 'Stop receiving e-mail about changes to our sub-processors.',
  robots: { index: false },
};

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function Unsubscribe({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  return (
    <TokenAction
      title="Unsubscribe from sub-processor changes"
      intro={<p>Press the button and we will stop e-mailing you about sub-processor changes. You can subscribe again at any time.</p>}
      action="/api/subscriptions/unsubscribe"
      button="Unsubscribe"
      token={one(params.token)}
      done={one(params.done) === '1' ? <p>You are unsubscribed. We will not e-mail you about sub-processor changes again.</p> : undefined}
      error={one(params.error)}
      errors={LINK_ERRORS}
    />
  );
}
