import 'server-only';
import type { AdminQuery } from '@/lib/db/types';
import { DAY_MS, dateStart, isoDate } from '@/lib/subprocessors/dates';
import type { SubprocessorFields } from '@/lib/subprocessors/fields';

interface SeedSubprocessor extends SubprocessorFields {
  slug: string;
}

const SCC = 'EU Standard Contractual Clauses (2021/914)';
const DPF = 'EU-U.S. Data Privacy Framework and Standard Contractual Clauses';

const CURRENT: SeedSubprocessor[] = [
  {
    slug: 'amazon-web-services',
    name: 'Amazon Web Services',
    purpose: 'Cloud hosting of the Northwind Cloud platform: compute, databases, backups and object storage.',
    dataCategories: ['Customer records', 'Account data', 'Usage data'],
    locations: ['IE'],
    transferMechanism: SCC,
    website: 'https://aws.amazon.com',
    processesCustomerRecords: true,
  },
  {
    slug: 'snowflake',
    name: 'Snowflake',
    purpose: 'Data warehouse behind the reporting and forecasting features.',
    dataCategories: ['Customer records', 'Usage data'],
    locations: ['DE'],
    transferMechanism: SCC,
    website: 'https://www.snowflake.com',
    processesCustomerRecords: true,
  },
  {
    slug: 'cloudflare',
    name: 'Cloudflare',
    purpose: 'Content delivery, DNS and protection against denial-of-service attacks.',
    dataCategories: ['IP addresses', 'Request metadata'],
    locations: ['US', 'DE', 'GB'],
    transferMechanism: DPF,
    website: 'https://www.cloudflare.com',
    processesCustomerRecords: false,
  },
  {
    slug: 'postmark',
    name: 'Postmark',
    purpose: 'Delivery of transactional e-mail: sign-in links, notifications and invoices.',
    dataCategories: ['Names', 'E-mail addresses', 'E-mail content'],
    locations: ['US'],
    transferMechanism: SCC,
    website: 'https://postmarkapp.com',
    processesCustomerRecords: false,
  },
  {
    slug: 'sentry',
    name: 'Sentry',
    purpose: 'Error monitoring: reports of application errors with the request that caused them.',
    dataCategories: ['Technical logs', 'IP addresses', 'Usage data'],
    locations: ['DE'],
    transferMechanism: 'Processed in the EU (no transfer)',
    website: 'https://sentry.io',
    processesCustomerRecords: false,
  },
  {
    slug: 'datadog',
    name: 'Datadog',
    purpose: 'Infrastructure monitoring, metrics and log retention for operations and security.',
    dataCategories: ['Technical logs', 'IP addresses'],
    locations: ['DE', 'US'],
    transferMechanism: DPF,
    website: 'https://www.datadoghq.com',
    processesCustomerRecords: false,
  },
  {
    slug: 'zendesk',
    name: 'Zendesk',
    purpose: 'Customer support ticketing, including attachments customers choose to send.',
    dataCategories: ['Names', 'E-mail addresses', 'Support conversations', 'Customer records'],
    locations: ['US', 'IE'],
    transferMechanism: DPF,
    website: 'https://www.zendesk.com',
    processesCustomerRecords: true,
  },
  {
    slug: 'stripe',
    name: 'Stripe',
    purpose: 'Subscription billing, invoicing and card payments.',
    dataCategories: ['Billing contacts', 'Payment details'],
    locations: ['US', 'IE'],
    transferMechanism: DPF,
    website: 'https://stripe.com',
    processesCustomerRecords: false,
  },
];

const UPCOMING: SeedSubprocessor = {
  slug: 'intercom',
  name: 'Intercom',
  purpose: 'In-app messages and product announcements to signed-in users.',
  dataCategories: ['Names', 'E-mail addresses', 'Usage data'],
  locations: ['IE', 'US'],
  transferMechanism: DPF,
  website: 'https://www.intercom.com',
  processesCustomerRecords: false,
};

async function announce(q: AdminQuery, at: Date): Promise<string> {
  const [row] = await q.query<{ id: string }>('INSERT INTO subprocessor_announcements (announced_at) VALUES ($1) RETURNING id', [at.toISOString()]);
  return row.id;
}

async function change(q: AdminQuery, s: SeedSubprocessor, kind: 'add' | 'update', effective: Date, announcementId: string, created: Date, reason = '') {
  await q.query('INSERT INTO subprocessors (slug, created_at) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING', [s.slug, created.toISOString()]);
  await q.query(
    `INSERT INTO subprocessor_changes (subprocessor_id, kind, name, purpose, data_categories, locations, transfer_mechanism, website,
       processes_customer_records, reason, effective_at, created_at, announcement_id)
     SELECT id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM subprocessors WHERE slug = $1`,
    [
      s.slug,
      kind,
      s.name,
      s.purpose,
      s.dataCategories,
      s.locations,
      s.transferMechanism,
      s.website,
      s.processesCustomerRecords,
      reason,
      effective.toISOString(),
      created.toISOString(),
      announcementId,
    ],
  );
}

/** The demo sub-processors, current and upcoming; only when there are none. */
export async function seedSubprocessors(q: AdminQuery) {
  const [existing] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM subprocessors');
  if (existing.n > 0) return;
  const now = Date.now();
  const daysAgo = (d: number) => new Date(now - d * DAY_MS);
  const dateIn = (d: number) => dateStart(isoDate(new Date(now + d * DAY_MS)));

  // The launch list, announced with 90 days' notice long ago.
  const launch = await announce(q, daysAgo(720));
  for (const s of CURRENT) await change(q, s, 'add', dateIn(-630), launch, daysAgo(721), 'The services Northwind Cloud launched with.');

  // A second hosting region, announced with the 90 days' notice customer records need.
  const region = await announce(q, daysAgo(200));
  const aws = CURRENT[0];
  await change(q, { ...aws, locations: ['IE', 'DE'] }, 'update', dateIn(-100), region, daysAgo(201), 'A second EU region (Frankfurt) for resilience.');

  // Upcoming: announced two days ago, effective in about 30 days; no customer records, so 14 days' notice suffice.
  const next = await announce(q, daysAgo(2));
  await change(q, UPCOMING, 'add', dateIn(30), next, daysAgo(3), 'Replaces e-mail for product announcements, so that users see them where they work.');
}
