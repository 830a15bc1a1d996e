import Link from 'next/link';

const PROMISES = [
  {
    title: 'Customer lockbox',
    body: 'Our engineers read your data only after one of your admins approves a request, for a limited time, and you can end that access at any moment.',
  },
  {
    title: 'Isolation in the database',
    body: 'Each customer’s records are separated by row-level security in PostgreSQL itself, so a mistake in application code cannot show one tenant’s data to another.',
  },
  {
    title: 'A log you can verify',
    body: 'Every privileged action on your tenant, emergency access included, lands in a hash-chained, signed log that you can export and check without trusting us.',
  },
];

export default function HomePage() {
  return (
    <div className="mx-auto max-w-6xl px-4">
      <section className="py-14">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Trust Center</p>
        <h1 className="mt-2 max-w-3xl text-4xl font-bold tracking-tight text-slate-950">
          How we protect your data, and how you stay in control of it
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-700">
          This is where procurement teams review our security posture and where our customers approve, watch and verify every
          access to their data.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-in" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Customer and staff sign-in
          </Link>
        </div>
      </section>
      <section aria-labelledby="promises" className="pb-8">
        <h2 id="promises" className="text-xl font-semibold text-slate-900">
          What we commit to
        </h2>
        <ul className="mt-4 grid gap-4 md:grid-cols-3">
          {PROMISES.map((p) => (
            <li key={p.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-semibold text-slate-900">{p.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-700">{p.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
