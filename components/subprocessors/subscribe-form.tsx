import { Notice } from '@/components/ui/notice';
import { SubmitButton } from '@/components/ui/button';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { SUBSCRIBE_ANSWER } from '@/lib/subscriptions/policy';
import { subscribeInput } from '@/lib/subscriptions/subscribe';

const FIELDS = describedFields(subscribeInput);
const ERRORS: Record<string, string> = fieldErrors(FIELDS, { invalid_request: FIELDS.email });

/** Subscribe to sub-processor changes by e-mail (double opt-in); the outcome comes back in the query. */
export function SubscribeForm({ subscribed, error }: { subscribed: boolean; error?: string }) {
  return (
    <section id="subscribe" aria-labelledby="subscribe-heading" className="rounded-lg border border-brand-100 bg-brand-50 p-5">
      <h2 id="subscribe-heading" className="text-lg font-semibold text-slate-900">
        Get notified of changes
      </h2>
      <p className="mt-1 max-w-2xl text-sm text-slate-700">
        We e-mail you when we announce a change, before it takes effect. You confirm by e-mail first, and every message has a one-click unsubscribe link. We use
        your address for nothing else.
      </p>
      {subscribed ? (
        <Notice tone="success" className="mt-3">
          {SUBSCRIBE_ANSWER}
        </Notice>
      ) : null}
      {error ? (
        <Notice tone="error" className="mt-3">
          {(Object.hasOwn(ERRORS, error) ? ERRORS[error] : undefined) ?? 'That did not work. Check the address and try again.'}
        </Notice>
      ) : null}
      <form method="post" action="/api/subscriptions" className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-end">
        <label className="flex flex-1 flex-col text-sm font-medium text-slate-900">
          Work e-mail
          <input
            type="email"
            name="email"
            required
            maxLength={254}
            autoComplete="email"
            className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-normal"
          />
        </label>
        <SubmitButton>Subscribe</SubmitButton>
      </form>
    </section>
  );
}
