// What the fuzzer needs to know about each state-changing endpoint: who may call it (so that
// input reaches validation and the data layer), who may not, the field names its zod schema
// reads (with plausible valid values, which the fuzzer then mutates), and where the real ids of
// its dynamic segments come from. A mutating route without an entry here fails the spec.
import fc from 'fast-check';

/** `service`: a program holding a service account's secret with every scope (the machine API). */
export type Actor = 'anon' | 'alice' | 'bob' | 'grace' | 'heidi' | 'carol' | 'dan' | 'erin' | 'fresh-dan' | 'service';

/** Real ids found or made before fuzzing (see the spec's setup); a random UUID when none could be had. */
export interface Ids {
  document: string;
  version: string;
  certification: string;
  block: string;
  update: string;
  rule: string;
  accessRequest: string;
  grant: string;
  change: string;
  questionnaire: string;
  lockboxRequest: string;
  breakGlass: string;
  forwarding: string;
  mapping: string;
  tenant: string;
  record: string;
  /** A service account of its own, which fuzzing may rotate and revoke. */
  serviceAccount: string;
}

export interface Hint {
  /** An actor who may call it: the input gets past authorization. */
  actor: Actor;
  /** Actors who may not: every answer is a refusal and nothing changes. */
  refused: Actor[];
  /** The fields its schema reads, each with plausible valid values. */
  fields?: Record<string, fc.Arbitrary<unknown>>;
  /** Takes a file upload (multipart/form-data with this field, or the raw bytes as the body). */
  upload?: { field: string; query?: string[] };
  /** Each dynamic segment's real value. */
  params?: Record<string, keyof Ids>;
  /** Most bodies are signed as WorkOS signs its webhooks, so that they get past the signature check. */
  signedAsWorkos?: boolean;
}

const text = (max: number, min = 1) =>
  fc.oneof(
    fc.constantFrom('Fuzzed text', 'A reasonable sentence of twenty characters or more.', 'Ünïcødé — “quotes” ‘and’ dashes'),
    fc.string({ minLength: min, maxLength: Math.min(max, 80) }),
  );
const email = fc.oneof(fc.constantFrom('someone@prospect.example', 'x@acme.example', 'Mixed.Case@Globex.Example'), fc.emailAddress());
const day = fc.constantFrom('2026-12-01', '2027-06-30', '2030-01-01', '2000-02-29', '1999-12-31');
const uuid = fc.uuid();
const bool = fc.boolean();
const oneOf = <T>(...values: T[]) => fc.constantFrom(...values);
const int = (min: number, max: number) => fc.oneof(fc.integer({ min, max }), fc.integer({ min, max }).map(String));
const slug = oneOf('soc2-type2-report', 'security-whitepaper', 'iso27001-certificate', 'no-such-document');
const longText = (min: number) => fc.constantFrom('x'.repeat(min), 'A justification that is long enough to pass the minimum length check.');

const TRUST_ADMIN_ONLY: Actor[] = ['anon', 'bob', 'carol'];
const CUSTOMER_ADMIN_ONLY: Actor[] = ['anon', 'dan', 'bob'];
/** The machine API: sessions, however privileged, are no service account. */
const SERVICE_ONLY: Actor[] = ['anon', 'alice', 'carol'];
const productKey = oneOf('acme-1001', 'globex-1002', 'no-such-key');
const staffName = fc.oneof(
  fc.record({ email: fc.oneof(email, oneOf('bob@vendor.example', 'grace@vendor.example')) }),
  fc.record({ directoryUserId: text(200) }),
);
const decisionFields = { tenant: productKey, staff: staffName, access: oneOf('read', 'read_write') };

const documentFields = {
  title: text(200),
  category: text(60),
  description: text(2000, 0),
  visibility: oneOf('public', 'nda', 'restricted'),
  validUntil: fc.oneof(day, fc.constant(null)),
};
const certificationFields = {
  framework: text(120),
  description: text(2000, 0),
  status: oneOf('certified', 'audit_window', 'in_progress', 'planned'),
  periodStart: day,
  periodEnd: day,
  targetDate: day,
  reportDocumentId: fc.oneof(uuid, fc.constant('')),
  position: int(0, 1000),
};
const blockFields = { title: text(120), body: text(10_000) };
const updateFields = { title: text(200), body: text(10_000), publishedAt: fc.constantFrom('2026-12-01T10:00:00Z', '2020-01-01T00:00:00Z', '') };
const settingsFields = {
  vendorName: text(100),
  tagline: text(300, 0),
  overview: text(4000, 0),
  statusPageUrl: fc.constantFrom('https://status.example.com', ''),
  securityContact: fc.constantFrom('security@vendor.example', 'mailto:security@vendor.example', 'https://vendor.example/security'),
  securityTxtExpiresAt: fc.constantFrom('2027-06-01', '2027-06-01T00:00:00Z'),
  preferredLanguages: fc.constantFrom('en', 'en, de', 'fr-CA'),
  disclosurePolicy: text(20_000, 0),
  accessGrantDays: int(1, 90),
};
const dpaFields = {
  title: text(200),
  processorName: text(200),
  processorAddress: text(500),
  processorContact: email,
  preamble: text(5000, 0),
  subjectMatter: text(2000),
  duration: text(2000),
  natureAndPurpose: text(5000),
  dataCategories: fc.array(text(200), { maxLength: 3 }),
  dataSubjects: fc.array(text(200), { maxLength: 3 }),
  specialCategories: text(2000),
  sccModules: fc.array(oneOf('1', '2', '3', '4', 'module_2'), { maxLength: 2 }),
  clauses: fc.array(fc.record({ heading: text(200), body: text(10_000) }), { maxLength: 2 }),
  governingLaw: text(300),
};
const subprocessorFields = {
  kind: oneOf('add', 'update', 'remove'),
  subprocessor: oneOf('stripe', 'sentry', 'no-such-subprocessor'),
  name: text(120),
  purpose: text(500),
  dataCategories: fc.array(text(80), { maxLength: 3 }),
  locations: fc.array(oneOf('DE', 'US', 'IE', 'XX', 'de'), { maxLength: 3 }),
  transferMechanism: text(200),
  website: fc.constantFrom('https://example.com', 'http://example.com', ''),
  processesCustomerRecords: bool,
  reason: text(1000, 0),
  effectiveDate: day,
};

const decisionNote = { note: text(2000, 0) };
const lockboxComment = { comment: text(2000, 0) };

export const HINTS: Record<string, Hint> = {
  // Public forms and sign-in, signed out.
  'POST /api/access-requests': {
    actor: 'anon',
    refused: [],
    fields: {
      name: text(200),
      email,
      company: text(200),
      reason: text(2000),
      documents: fc.array(slug, { maxLength: 3 }),
      ndaVersionId: uuid,
      ndaSha256: fc.constantFrom('0'.repeat(64), 'f'.repeat(64), ''),
      typedName: text(200),
      acceptNda: fc.oneof(bool, oneOf('on', 'true', 'false')),
    },
  },
  'POST /api/auth/demo': {
    actor: 'anon',
    refused: [],
    fields: {
      email: fc.oneof(email, oneOf('dan@acme.example', 'erin@globex.example')),
      next: fc.constantFrom('/console', '/admin', '//evil.example', 'https://evil.example/'),
    },
  },
  'POST /api/auth/sso': {
    actor: 'anon',
    refused: [],
    fields: { email: fc.oneof(email, oneOf('dan@acme.example', 'nobody@unknown.example')), next: fc.constantFrom('/console', '//evil.example') },
  },
  'POST /api/auth/signout': { actor: 'fresh-dan', refused: [] },
  'POST /api/subscriptions': { actor: 'anon', refused: [], fields: { email } },
  'POST /api/subscriptions/confirm': {
    actor: 'anon',
    refused: [],
    fields: { token: fc.oneof(fc.base64String({ maxLength: 60 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 })) },
  },
  'POST /api/subscriptions/unsubscribe': {
    actor: 'anon',
    refused: [],
    fields: {
      token: fc.oneof(fc.base64String({ maxLength: 60 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 })),
      'List-Unsubscribe': oneOf('One-Click', 'one-click'),
    },
  },
  'POST /api/webhooks/workos': {
    actor: 'anon',
    refused: [],
    signedAsWorkos: true,
    fields: {
      id: text(200),
      event: oneOf('dsync.user.created', 'dsync.group.deleted', 'dsync.deleted', 'unknown.event'),
      data: fc.record({ id: text(200), directoryId: text(200), email, state: oneOf('active', 'inactive'), name: text(200) }),
    },
  },

  // The machine API, with a service account's secret.
  'POST /api/v1/lockbox/decisions': { actor: 'service', refused: SERVICE_ONLY, fields: decisionFields },
  'POST /api/v1/lockbox/tokens': {
    actor: 'service',
    refused: SERVICE_ONLY,
    fields: { ...decisionFields, audience: fc.oneof(oneOf('invoices-api'), text(200)) },
  },
  'POST /api/v1/access-reports': {
    actor: 'service',
    refused: SERVICE_ONLY,
    fields: {
      reportId: fc.oneof(fc.uuid(), text(128)),
      tenant: productKey,
      staff: staffName,
      action: oneOf('read', 'write'),
      resource: text(200),
      records: fc.array(text(200), { maxLength: 3 }),
      occurredAt: fc.oneof(
        fc.constant(new Date().toISOString()),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      ),
    },
  },
  'POST /api/admin/service-accounts': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    fields: { name: text(100), scopes: fc.array(oneOf('lockbox:check', 'grants:read', 'access:report', 'admin:all'), { maxLength: 4 }) },
  },
  'POST /api/admin/service-accounts/[id]/rotate': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'serviceAccount' } },
  'POST /api/admin/service-accounts/[id]/revoke': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'serviceAccount' } },
  'POST /api/admin/tenants/[slug]/external-key': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { slug: 'tenant' },
    fields: { externalKey: fc.oneof(oneOf('acme-1001'), text(130)) },
  },

  // Trust admins: portal content, documents, access, DPA, questionnaires.
  'POST /api/admin/access/grants/[id]/revoke': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'grant' } },
  'POST /api/admin/access/nda': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { title: text(200), body: text(50_000) } },
  'POST /api/admin/access/requests/[id]/approve': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'accessRequest' }, fields: decisionNote },
  'POST /api/admin/access/requests/[id]/deny': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'accessRequest' }, fields: decisionNote },
  'POST /api/admin/access/rules/[id]/delete': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'rule' } },
  'DELETE /api/admin/access/rules/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'rule' } },
  'POST /api/admin/access/rules': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    fields: {
      domain: fc.oneof(fc.domain(), oneOf('@example.org', 'https://example.org')),
      decision: oneOf('approve', 'review', 'deny'),
      mutualNda: fc.oneof(bool, oneOf('on', 'true')),
      note: text(500, 0),
    },
  },
  'POST /api/admin/break-glass/holders': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    fields: {
      emails: fc.array(oneOf('grace@vendor.example', 'heidi@vendor.example', 'bob@vendor.example', 'nobody@vendor.example'), { maxLength: 3 }),
      holder1: email,
      holder2: email,
    },
  },
  'POST /api/admin/certifications/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'certification' }, fields: certificationFields },
  'PATCH /api/admin/certifications/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'certification' }, fields: certificationFields },
  'POST /api/admin/certifications': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { ...certificationFields, slug: oneOf('fuzz-cert', 'Not A Slug') } },
  'POST /api/admin/documents/[id]/archive': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'document' } },
  'POST /api/admin/documents/[id]/restore': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'document' } },
  'POST /api/admin/documents/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'document' }, fields: documentFields },
  'PATCH /api/admin/documents/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'document' }, fields: documentFields },
  'POST /api/admin/documents/[id]/versions': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { id: 'document' },
    fields: { note: text(500, 0) },
    upload: { field: 'file', query: ['filename', 'note'] },
  },
  'POST /api/admin/documents': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    fields: { ...documentFields, slug: oneOf('fuzz-doc', 'soc2-type2-report', '-bad-') },
    upload: { field: 'file', query: ['slug', 'title', 'category', 'visibility', 'filename'] },
  },
  'POST /api/admin/dpa/draft': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: dpaFields },
  'POST /api/admin/dpa/publish': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { changeNote: text(500, 0) } },
  'POST /api/admin/questionnaires/[slug]/answers': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { slug: 'questionnaire' },
    fields: {
      answers: fc.array(
        fc.record({
          questionId: oneOf('IDA-01', 'IDA-03', 'GOV-01', 'ZZZ-99'),
          answer: fc.constantFrom('yes', 'no', 'na', null),
          comment: text(2000, 0),
          evidence: fc.oneof(slug, fc.constant(null)),
        }),
        { maxLength: 3 },
      ),
    },
  },
  'POST /api/admin/questionnaires/[slug]/import': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { slug: 'questionnaire' },
    upload: { field: 'file', query: ['filename'] },
  },
  'POST /api/admin/security-blocks/[id]/delete': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'block' } },
  'POST /api/admin/security-blocks/[id]/move': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { id: 'block' },
    fields: { direction: oneOf('up', 'down') },
  },
  'POST /api/admin/security-blocks/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'block' }, fields: blockFields },
  'PATCH /api/admin/security-blocks/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'block' }, fields: blockFields },
  'DELETE /api/admin/security-blocks/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'block' } },
  'POST /api/admin/security-blocks/order': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { order: fc.array(uuid, { maxLength: 3 }) } },
  'PUT /api/admin/security-blocks/order': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { order: fc.array(uuid, { maxLength: 3 }) } },
  'POST /api/admin/security-blocks': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: { ...blockFields, slug: oneOf('fuzz-block', 'Bad Slug') } },
  'POST /api/admin/settings/logo/delete': { actor: 'alice', refused: TRUST_ADMIN_ONLY },
  'POST /api/admin/settings/logo': { actor: 'alice', refused: TRUST_ADMIN_ONLY, upload: { field: 'logo' } },
  'DELETE /api/admin/settings/logo': { actor: 'alice', refused: TRUST_ADMIN_ONLY },
  'POST /api/admin/settings': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: settingsFields },
  'PATCH /api/admin/settings': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: settingsFields },
  'POST /api/admin/subprocessors/announce': { actor: 'alice', refused: TRUST_ADMIN_ONLY },
  'POST /api/admin/subprocessors/changes/[id]/cancel': {
    actor: 'alice',
    refused: TRUST_ADMIN_ONLY,
    params: { id: 'change' },
    fields: { reason: text(1000, 0) },
  },
  'POST /api/admin/subprocessors/changes': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: subprocessorFields },
  'POST /api/admin/updates/[id]/delete': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'update' } },
  'POST /api/admin/updates/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'update' }, fields: updateFields },
  'PATCH /api/admin/updates/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'update' }, fields: updateFields },
  'DELETE /api/admin/updates/[id]': { actor: 'alice', refused: TRUST_ADMIN_ONLY, params: { id: 'update' } },
  'POST /api/admin/updates': { actor: 'alice', refused: TRUST_ADMIN_ONLY, fields: updateFields },

  // Break-glass: designated holders (grace invokes and ends, heidi reviews).
  'POST /api/break-glass': {
    actor: 'grace',
    refused: ['anon', 'bob', 'carol'],
    fields: { tenant: oneOf('acme', 'globex', 'no-such-tenant'), justification: longText(20), incident: text(100), durationMinutes: int(5, 60) },
  },
  'POST /api/break-glass/[id]/end': { actor: 'grace', refused: ['anon', 'bob', 'carol'], params: { id: 'breakGlass' } },
  'POST /api/break-glass/[id]/review': { actor: 'heidi', refused: ['anon', 'bob', 'carol'], params: { id: 'breakGlass' }, fields: { review: longText(20) } },

  // Lockbox: support asks, the tenant's customer admin decides.
  'POST /api/lockbox/requests': {
    actor: 'bob',
    refused: ['anon', 'carol', 'dan'],
    fields: {
      tenant: oneOf('acme', 'globex', 'no-such-tenant'),
      justification: longText(20),
      ticket: text(100),
      durationMinutes: int(15, 480),
      access: oneOf('read', 'read_write'),
    },
  },
  'POST /api/lockbox/requests/[id]/approve': {
    actor: 'carol',
    refused: ['anon', 'dan', 'erin', 'bob'],
    params: { id: 'lockboxRequest' },
    fields: lockboxComment,
  },
  'POST /api/lockbox/requests/[id]/deny': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'lockboxRequest' }, fields: lockboxComment },
  'POST /api/lockbox/requests/[id]/revoke': {
    actor: 'carol',
    refused: ['anon', 'dan', 'erin', 'bob'],
    params: { id: 'lockboxRequest' },
    fields: lockboxComment,
  },
  'POST /api/lockbox/settings': { actor: 'carol', refused: CUSTOMER_ADMIN_ONLY, fields: { requestExpiryHours: int(1, 168), requiredApprovals: int(1, 2) } },
  'PATCH /api/tenants/[slug]/records/[id]': {
    actor: 'bob',
    refused: ['anon', 'carol', 'dan', 'erin'],
    params: { slug: 'tenant', id: 'record' },
    fields: { title: text(200), body: text(10_000) },
  },
  'POST /api/tenants/[slug]/records/[id]': {
    actor: 'bob',
    refused: ['anon', 'carol', 'dan', 'erin'],
    params: { slug: 'tenant', id: 'record' },
    fields: { title: text(200), body: text(10_000) },
  },

  // Customers: DPA, governance forwarding, identity, their own account.
  'POST /api/dpa/executions': {
    actor: 'carol',
    refused: ['anon', 'dan', 'alice'],
    fields: { signerName: text(200), signerTitle: text(200), authority: fc.oneof(fc.constant(true), oneOf('on', 'yes', 'true', 'no')) },
  },
  'POST /api/governance/export': { actor: 'dan', refused: ['anon', 'bob', 'grace'], fields: { via: oneOf('console', 'api', 'cli', '') } },
  'POST /api/governance/forwarding': {
    actor: 'carol',
    refused: ['anon', 'dan', 'bob'],
    fields: {
      url: fc.constantFrom(
        'https://siem.example.com/hook',
        'http://siem.example.com/',
        'https://127.0.0.1/x',
        'https://169.254.169.254/latest',
        'https://user:pw@siem.example.com/',
      ),
      description: text(200, 0),
    },
  },
  'POST /api/governance/forwarding/[id]/enable': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'forwarding' } },
  'POST /api/governance/forwarding/[id]/remove': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'forwarding' } },
  'POST /api/governance/forwarding/[id]/rotate': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'forwarding' } },
  'DELETE /api/governance/forwarding/[id]': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'forwarding' } },
  'POST /api/governance/forwarding/[id]/test': { actor: 'carol', refused: ['anon', 'dan', 'erin', 'bob'], params: { id: 'forwarding' } },
  'POST /api/identity/mappings/[id]/delete': { actor: 'carol', refused: ['anon', 'dan', 'erin'], params: { id: 'mapping' } },
  'DELETE /api/identity/mappings/[id]': { actor: 'carol', refused: ['anon', 'dan', 'erin'], params: { id: 'mapping' } },
  'POST /api/identity/mappings': {
    actor: 'carol',
    refused: ['anon', 'dan'],
    fields: { groupName: text(200), role: oneOf('customer_admin', 'customer_member', 'trust_admin', 'owner') },
  },
  'POST /api/identity/settings': { actor: 'carol', refused: ['anon', 'dan', 'bob'], fields: { allowJitProvisioning: fc.oneof(bool, oneOf('on')) } },
  'POST /api/me/delete': { actor: 'dan', refused: ['anon', 'alice'], fields: { confirm: oneOf('someone-else@acme.example', '', 'DAN@ACME.EXAMPLE.') } },
  'POST /api/me/export': { actor: 'dan', refused: ['anon'] },
  'POST /api/notifications/read': { actor: 'carol', refused: ['anon'] },
};

/** Query parameters of GET endpoints that take filters, with plausible values; others get random ones. */
export const GET_HINTS: Record<
  string,
  { actor: Actor; query?: Record<string, fc.Arbitrary<string>>; params?: Record<string, keyof Ids | fc.Arbitrary<string>> }
> = {
  // Short waits only: a valid wait holds the answer that long.
  'GET /api/v1/grants/changes': {
    actor: 'service',
    query: {
      after: fc.constantFrom('0', '5', '-1', '01', '99999999999999999999'),
      limit: fc.constantFrom('1', '1000', '1001', '0'),
      wait: fc.constantFrom('0', '0.2', '31', 'x'),
    },
  },
  'GET /api/governance/events': {
    actor: 'alice',
    query: {
      kind: fc.constantFrom('auth', 'auth.refused', 'content.'),
      after: fc.constantFrom('0', '5', '-1', '1e9'),
      limit: fc.constantFrom('1', '200', '201', '0'),
    },
  },
  'GET /api/governance/forwarding/deliveries': {
    actor: 'carol',
    query: {
      endpoint: fc.constantFrom('', '00000000-0000-0000-0000-000000000000'),
      status: fc.constantFrom('failed', 'delivered', 'x'),
      limit: fc.constantFrom('10', '-1'),
    },
  },
  'GET /api/lockbox/requests': {
    actor: 'bob',
    query: {
      status: fc.constantFrom('pending', 'approved,denied', 'nope'),
      tenant: fc.constantFrom('acme', 'globex', ''),
      limit: fc.constantFrom('1', '200', '999'),
      offset: fc.constantFrom('0', '-5', 'x'),
    },
  },
  'GET /api/lockbox/requests/[id]': { actor: 'carol', params: { id: 'lockboxRequest' } },
  'GET /api/break-glass': {
    actor: 'alice',
    query: { openReviews: fc.constantFrom('1', '0', 'true'), offset: fc.constantFrom('0', '-1', '1e100'), limit: fc.constantFrom('10', '0') },
  },
  'GET /api/admin/updates': { actor: 'alice', query: { limit: fc.constantFrom('1', '100', '101', '-1'), offset: fc.constantFrom('0', '5', 'NaN') } },
  'GET /api/admin/documents': { actor: 'alice', query: { page: fc.constantFrom('1', '0', '-1', '99999999999', 'x') } },
  'GET /api/admin/documents/[id]': { actor: 'alice', params: { id: 'document' } },
  'GET /api/admin/documents/[id]/versions/[version]': {
    actor: 'alice',
    params: { id: 'document', version: fc.constantFrom('1', '0', '-1', '1.5', '99999999999999999999') },
  },
  'GET /api/admin/access/nda': { actor: 'alice', query: { page: fc.constantFrom('1', '0', 'x') } },
  'GET /api/admin/access/requests': { actor: 'alice', query: { page: fc.constantFrom('1', '0', 'x'), status: fc.constantFrom('pending', 'x') } },
  'GET /api/admin/access/grants': { actor: 'alice', query: { page: fc.constantFrom('1', '0', 'x'), status: fc.constantFrom('active', 'x') } },
  'GET /api/admin/certifications/[id]': { actor: 'alice', params: { id: 'certification' } },
  'GET /api/admin/questionnaires/[slug]': { actor: 'alice', params: { slug: 'questionnaire' } },
  'GET /api/admin/questionnaires/[slug]/export.csv': { actor: 'alice', params: { slug: 'questionnaire' } },
  'GET /api/admin/questionnaires/[slug]/export.xlsx': { actor: 'alice', params: { slug: 'questionnaire' } },
  'GET /api/admin/questionnaires/[slug]/pdf': { actor: 'alice', params: { slug: 'questionnaire' } },
  'GET /api/tenants/[slug]/records': { actor: 'bob', params: { slug: 'tenant' } },
  'GET /api/notifications': { actor: 'carol', query: { limit: fc.constantFrom('1', '-1'), unread: fc.constantFrom('1', 'x') } },
  'GET /api/dpa/executions': { actor: 'carol' },
  'GET /documents/[file]': {
    actor: 'anon',
    params: { file: fc.constantFrom('security-whitepaper.pdf', 'soc2-type2-report.pdf', 'dpa.pdf', 'nope.pdf', 'security-whitepaper', '.pdf') },
  },
  'GET /access/[token]': {
    actor: 'anon',
    params: { token: fc.oneof(fc.base64String({ maxLength: 60 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 })) },
  },
  'GET /api/auth/callback': { actor: 'anon', query: { code: fc.constantFrom('abc', ''), state: fc.constantFrom('xyz', '') } },
  'GET /subprocessors.json': { actor: 'anon', query: { since: fc.constantFrom('2026-01-01', 'x') } },
  'GET /subprocessors/feed.xml': { actor: 'anon' },
  'GET /logo': { actor: 'anon', query: { v: fc.constantFrom('1', 'x') } },
};

/** Pages whose filters or notices come from the query string, read by an actor who may see them. */
export const PAGE_HINTS: { path: string; actor: Actor; query: Record<string, fc.Arbitrary<string>> }[] = [
  {
    path: '/admin/governance',
    actor: 'alice',
    query: {
      category: fc.constantFrom('access', 'auth', 'x'),
      actor: fc.constantFrom('staff', 'customer', 'x'),
      from: fc.constantFrom('2026-01-01', '2026-02-30', 'x'),
      to: fc.constantFrom('2027-01-01', ''),
    },
  },
  {
    path: '/console/governance',
    actor: 'carol',
    query: {
      category: fc.constantFrom('access', 'x'),
      actor: fc.constantFrom('staff', 'x'),
      from: fc.constantFrom('2026-01-01', 'x'),
      to: fc.constantFrom('2027-01-01', ''),
    },
  },
  { path: '/admin', actor: 'bob', query: {} },
  {
    path: '/admin/lockbox',
    actor: 'bob',
    query: { status: fc.constantFrom('pending', 'x'), tenant: fc.constantFrom('acme', 'x'), page: fc.constantFrom('1', '-1') },
  },
  { path: '/admin/tenants/acme', actor: 'bob', query: {} },
  { path: '/admin/break-glass', actor: 'grace', query: {} },
  { path: '/admin/access-requests', actor: 'alice', query: { page: fc.constantFrom('1', 'x') } },
  { path: '/admin/access-requests/rules', actor: 'alice', query: {} },
  { path: '/admin/documents', actor: 'alice', query: { page: fc.constantFrom('1', 'x') } },
  { path: '/admin/updates', actor: 'alice', query: { page: fc.constantFrom('1', 'x') } },
  { path: '/admin/security', actor: 'alice', query: {} },
  { path: '/admin/settings', actor: 'alice', query: {} },
  { path: '/admin/certifications', actor: 'alice', query: {} },
  { path: '/admin/users', actor: 'alice', query: {} },
  { path: '/admin/questionnaires/caiq-lite', actor: 'alice', query: { section: fc.constantFrom('IDA', 'x') } },
  { path: '/admin/subprocessors', actor: 'alice', query: {} },
  { path: '/console', actor: 'carol', query: {} },
  { path: '/console/lockbox', actor: 'carol', query: {} },
  { path: '/console/lockbox/settings', actor: 'carol', query: {} },
  { path: '/console/users', actor: 'carol', query: {} },
  { path: '/console/account', actor: 'dan', query: {} },
  { path: '/documents', actor: 'anon', query: { request: fc.constantFrom('received', 'x') } },
  { path: '/subprocessors', actor: 'anon', query: { subscribed: fc.constantFrom('1') } },
  { path: '/subscriptions/unsubscribe', actor: 'anon', query: { token: fc.constantFrom('abc', '') } },
  { path: '/subscriptions/confirm', actor: 'anon', query: { token: fc.constantFrom('abc', '') } },
  { path: '/updates', actor: 'anon', query: { page: fc.constantFrom('1', '0', '-1', 'x') } },
  { path: '/sign-in', actor: 'anon', query: { next: fc.constantFrom('/console', '//evil.example') } },
];

/** Query keys that pages turn into a notice (`?error=<code>`, `?done=<word>`, `?saved=1`, ...): every page gets them. */
export const NOTICE_KEYS = ['error', 'done', 'saved', 'created', 'deleted', 'subscribe_error', 'published', 'removed', 'settings'];
