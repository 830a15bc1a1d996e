import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { PageHeading } from '@/components/ui/page-heading';
import { publicSettings } from '@/lib/portal/public-settings';

export async function generateMetadata(): Promise<Metadata> {
  const { vendorName } = await publicSettings();
  return {
    title: 'Verifiable governance log',
    description: `How ${vendorName} records every privileged action on customer data in a hash-chained, signed log that each customer can verify offline.`,
  };
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 text-[0.9em]">{children}</code>;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold text-slate-950">
        {title}
      </h2>
      <div className="mt-2 space-y-3 text-slate-800">{children}</div>
    </section>
  );
}

/** The public explanation of the governance log, for customers and reviewers who want to check it themselves. */
export default async function GovernanceLogPage() {
  const { vendorName } = await publicSettings();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeading eyebrow="Security" title="Verifiable governance log">
        Every privileged action on a customer’s data — a support engineer’s lockbox request and the customer’s decision, a break-glass session, each read of the
        data under it, a refused attempt, an export — is written to an append-only log that the customer can check for themselves, without trusting {vendorName}
        ’s servers.
      </PageHeading>

      <Section id="chains" title="One chain per customer">
        <p>
          Each customer organization has its own chain of events, and {vendorName} keeps one more for actions that concern no single customer. Only the
          organization’s own users can read its chain; the database enforces this, not only the application.
        </p>
        <p>
          Each event holds when it happened, what happened, who acted (as a pseudonymous id), what it concerned, the reason given and the policy in force. Names
          and e-mail addresses are kept beside the chain, not in it, so a person can be erased under the GDPR while every chain still verifies.
        </p>
      </Section>

      <Section id="hashing" title="Hash-chained, then signed">
        <p>
          Each event is serialized as canonical JSON (RFC 8785), and its hash is <Code>SHA-256(hash of the previous event ‖ canonical event)</Code>, starting
          from 32 zero bytes. Changing, removing or reordering any event changes every hash after it.
        </p>
        <p>
          Within a minute of a change, and at every export, the head of the chain (its sequence number and hash) is signed with Ed25519. The public keys are
          published at{' '}
          <a href="/.well-known/audit-signing-key.json" className="font-medium text-brand-700 underline">
            /.well-known/audit-signing-key.json
          </a>{' '}
          as a JWK set; keys stay listed after a rotation so that old checkpoints keep verifying. Save a copy: a key you fetched earlier is your independent
          anchor.
        </p>
      </Section>

      <Section id="verify" title="Verify it yourself">
        <ol className="list-decimal space-y-2 pl-5">
          <li>
            Sign in to your console, open <strong>Governance log</strong> and download the log (JSON Lines: a header, each event with its hash, the signed
            checkpoints, then the people it names).
          </li>
          <li>
            Verify it in the browser from the same page — the file never leaves your computer — or with the open-source command line:{' '}
            <Code>npm run trust -- audit verify governance-log.jsonl --public-key saved-key.json</Code>. It needs no database and no network, and prints one
            line: <Code>OK …</Code>, or the first event that fails and why.
          </li>
          <li>
            Or write your own verifier: the format, the canonical serialization and the checks are specified in <Code>docs/governance-log.md</Code> of the Trust
            Center source, with nothing left to the implementation.
          </li>
        </ol>
        <p>
          A verifier catches any edit, deletion or reordering of events, a checkpoint that was altered or signed by another key, and events that no signed
          checkpoint covers. Compare the head with one you verified before to catch a chain that was cut short.
        </p>
      </Section>

      <Section id="forwarding" title="In your own systems">
        <p>
          A customer admin can forward their chain’s events to their SIEM as signed webhooks (Standard Webhooks): each delivery carries the event, its hash and
          its id for de-duplication, and is retried with back-off until it is accepted.
        </p>
      </Section>
    </div>
  );
}
