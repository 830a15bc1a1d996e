import type { CustomerRole, StaffRole } from '@/lib/core/roles';

export interface DemoTenant {
  slug: string;
  domain: string;
  legalName: string;
  workosOrganizationId: string;
  workosDirectoryId: string;
  /** The vendor's product's own id for the tenant (the example product's). */
  externalKey: string;
  records: { category: string; title: string; body: string }[];
}

export type DemoAccount =
  | { email: string; name: string; kind: 'staff'; role: StaffRole; description: string }
  | { email: string; name: string; kind: 'customer'; role: CustomerRole; tenant: string; description: string };

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'acme',
    domain: 'acme.example',
    legalName: 'Acme Corp',
    workosOrganizationId: 'org_acme',
    workosDirectoryId: 'directory_acme',
    externalKey: 'acme-1001',
    records: [
      {
        category: 'Workspace configuration',
        title: 'Production workspace settings',
        body: 'Data residency: EU (Frankfurt). Retention: 400 days. SAML enforced for all members; SCIM provisioning from Okta.',
      },
      {
        category: 'Support case',
        title: 'Case 48211: export job stalls at 80%',
        body: 'Nightly export of the finance ledger stops after roughly 1.2 million rows. Customer attached a redacted sample of the failing batch.',
      },
      {
        category: 'Billing',
        title: 'Billing contact and purchase order',
        body: 'Accounts payable: ap@acme.example. Purchase order PO-2026-0113, net 45, invoiced annually in March.',
      },
      {
        category: 'Integration',
        title: 'Warehouse connector',
        body: 'Read-only connector to the customer data warehouse (project acme-analytics). Credentials are held in the vault and never shown here.',
      },
    ],
  },
  {
    slug: 'globex',
    domain: 'globex.example',
    legalName: 'Globex Inc',
    workosOrganizationId: 'org_globex',
    workosDirectoryId: 'directory_globex',
    externalKey: 'globex-1002',
    records: [
      {
        category: 'Workspace configuration',
        title: 'Primary workspace settings',
        body: 'Data residency: US (Oregon). Retention: 730 days to meet the customer’s litigation-hold policy.',
      },
      {
        category: 'Support case',
        title: 'Case 50977: webhook deliveries delayed',
        body: 'Webhook deliveries to the customer endpoint arrive up to 9 minutes late during their month-end close.',
      },
      {
        category: 'Billing',
        title: 'Billing contact',
        body: 'Procurement: vendors@globex.example. Paid by card, renewal on 1 September.',
      },
    ],
  },
];

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'alice@vendor.example', name: 'Alice Adams', kind: 'staff', role: 'trust_admin', description: 'Vendor trust admin' },
  { email: 'bob@vendor.example', name: 'Bob Brown', kind: 'staff', role: 'support', description: 'Vendor support engineer' },
  { email: 'grace@vendor.example', name: 'Grace Green', kind: 'staff', role: 'break_glass', description: 'Break-glass holder' },
  { email: 'heidi@vendor.example', name: 'Heidi Hill', kind: 'staff', role: 'break_glass', description: 'Break-glass holder' },
  {
    email: 'carol@acme.example',
    name: 'Carol Clark',
    kind: 'customer',
    role: 'customer_admin',
    tenant: 'acme',
    description: 'Customer admin, Acme Corp',
  },
  {
    email: 'dan@acme.example',
    name: 'Dan Diaz',
    kind: 'customer',
    role: 'customer_member',
    tenant: 'acme',
    description: 'Customer member, Acme Corp',
  },
  {
    email: 'erin@globex.example',
    name: 'Erin Evans',
    kind: 'customer',
    role: 'customer_admin',
    tenant: 'globex',
    description: 'Customer admin, Globex Inc',
  },
];

/**
 * Seeded customer users carry the directory user id `directory_user_<first name>`, so that
 * Directory Sync events for them (from the tests' fake WorkOS, or a demo directory) update
 * these rows instead of adding new people.
 */
export function directoryUserId(email: string): string {
  return `directory_user_${email.split('@')[0]}`;
}

/** The vendor's own organization: its staff sign in through it. */
export const VENDOR_IDENTITY = { domain: 'vendor.example', workosOrganizationId: 'org_vendor', workosDirectoryId: 'directory_vendor' };

/** Directory groups that grant roles, for the vendor (tenant null) and for every demo tenant. */
export const DEMO_GROUP_ROLES = {
  vendor: [
    { groupName: 'Trust Center Admins', role: 'trust_admin' },
    { groupName: 'Support Engineers', role: 'support' },
    { groupName: 'Break Glass', role: 'break_glass' },
  ],
  tenant: [
    { groupName: 'Trust Center Admins', role: 'customer_admin' },
    { groupName: 'Trust Center Members', role: 'customer_member' },
  ],
} as const;
