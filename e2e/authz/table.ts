// The expected-access table of the authorization matrix: for every page and route handler of
// the app and every method it exports, which kinds of actor may use it. Derived from who each
// part is for (docs/portal.md, lockbox.md, governance-log.md, identity.md) and the roles in the
// code, not from what the server answers; the matrix fails on a route missing here and on an
// entry whose route is gone.
import { ACTORS, type ActorId } from './actors';
import type { Method } from '../support/app-routes';

export interface Rule {
  /** Who may use it. Everyone else must be refused: 401/403 (or 404), a redirect to sign-in for a page. */
  allow: readonly ActorId[];
  /**
   * How an allowed actor is answered. `ok` (2xx) is the default for GET, `handled` (anything but
   * 401, 403 or a 5xx: an empty `{}` body gets a 400/404/422) for the other methods, `redirect`
   * a 3xx; a list names the statuses.
   */
  allowed?: 'ok' | 'handled' | 'redirect' | readonly number[];
  /**
   * With `{}` this would really do something (approve, revoke, delete, end) to the fixtures the
   * matrix stands on, so allowed actors are sent a made-up id (and must get past authorization to
   * a 404); refused actors and cross-tenant probes still get the real ids.
   */
  destructive?: string;
  /**
   * The route shows or changes a tenant's confidential records, which vendor staff reach only
   * while a lockbox grant or break-glass session for that tenant is active (row-level security
   * decides, see docs/lockbox.md).
   * `filtered`: allowed staff are answered, but without access the answer holds none of the
   * tenant's records. `grantOnly`: staff without access are refused.
   */
  tenantData?: 'filtered' | 'grantOnly';
  /** Ends the caller's session: sent with a fresh session of the actor, not the one the matrix uses. */
  freshSession?: boolean;
  /**
   * The body refused actors are sent instead of `{}`: one that passes validation, for handlers
   * that read the input before refusing (so that the refusal lands in the named tenant's log).
   */
  refusedBody?: Record<string, unknown>;
  /**
   * A plain-HTML-form twin of a JSON endpoint: it answers with a 303 back to its page, with
   * `?error=<code>` when refused.
   */
  form?: boolean;
  /** Why the rule is what it is, where it is not obvious. */
  note?: string;
}

export type Table = Record<string, Partial<Record<Method, Rule>>>;

// --- who ------------------------------------------------------------------------------------
const everyone = ACTORS;
const visitors: ActorId[] = ['signedOut', 'reviewer', 'reviewerGranted'];
const customerMembers: ActorId[] = ['acmeMember', 'globexMember'];
const customerAdmins: ActorId[] = ['acmeAdmin', 'globexAdmin'];
const allCustomers: ActorId[] = [...customerMembers, ...customerAdmins];
const supportStaff: ActorId[] = ['support', 'supportGranted'];
const allStaff: ActorId[] = [...supportStaff, 'breakGlass', 'trustAdmin'];
const signedIn: ActorId[] = ACTORS.filter((a) => !visitors.includes(a));

type StaffRole = 'support' | 'break_glass' | 'trust_admin';
const STAFF_BY_ROLE: Record<StaffRole, ActorId[]> = { support: supportStaff, break_glass: ['breakGlass'], trust_admin: ['trustAdmin'] };
const staffRoles = (...roles: StaffRole[]) => roles.flatMap((r) => STAFF_BY_ROLE[r]);

// --- rules ----------------------------------------------------------------------------------
const rule = (allow: readonly ActorId[], extra: Omit<Rule, 'allow'> = {}): Rule => ({ allow, ...extra });
/** Anyone, signed in or not. */
const open = (extra: Omit<Rule, 'allow'> = {}) => rule(everyone, extra);
/** Vendor staff with one of these roles. */
const staffOnly = (...roles: StaffRole[]) => rule(staffRoles(...roles));
const trustAdmin = (extra: Omit<Rule, 'allow'> = {}) => rule(staffRoles('trust_admin'), extra);
const anyStaff = (extra: Omit<Rule, 'allow'> = {}) => rule(allStaff, extra);
const customers = (extra: Omit<Rule, 'allow'> = {}) => rule(allCustomers, extra);
const customerAdmin = (extra: Omit<Rule, 'allow'> = {}) => rule(customerAdmins, extra);
/** A tenant's customer admin for its chain, a trust admin for the vendor's (lib/forwarding/scope.ts, lib/identity/mappings.ts). */
const chainAdmins = (extra: Omit<Rule, 'allow'> = {}) => rule([...customerAdmins, 'trustAdmin'], extra);
/** Customer users for their tenant's chain, trust admins for the vendor's (docs/governance-log.md). */
const chainReaders = (extra: Omit<Rule, 'allow'> = {}) => rule([...allCustomers, 'trustAdmin'], extra);
const anySignedIn = (extra: Omit<Rule, 'allow'> = {}) => rule(signedIn, extra);

/** A trust-admin-only page, and its API twin. */
const adminPage = { GET: trustAdmin() };

export const EXPECTED_ACCESS: Table = {
  // --- the public portal: anyone, signed in or not (docs/portal.md) ---------------------------
  '/': { GET: open() },
  '/certifications': { GET: open() },
  '/documents': { GET: open() },
  '/security': { GET: open() },
  '/subprocessors': { GET: open() },
  '/updates': { GET: open() },
  '/governance-log': { GET: open() },
  '/vulnerability-disclosure': { GET: open() },
  '/sign-in': { GET: open() },
  '/access/invalid': { GET: open() },
  '/subscriptions/confirm': { GET: open() },
  '/subscriptions/unsubscribe': { GET: open() },
  '/account': { GET: open({ allowed: 'redirect', note: 'sends each to their console (or sign-in); shows nothing itself' }) },
  '/subprocessors.json': { GET: open() },
  '/subprocessors/feed.xml': { GET: open() },
  '/.well-known/security.txt': { GET: open() },
  '/.well-known/audit-signing-key.json': { GET: open() },
  '/api/health': { GET: open() },
  '/api/invalid-path': { GET: open({ allowed: [400], note: 'where the server sends a path with a malformed percent escape' }) },
  '/api/nda': { GET: open() },
  '/logo': { GET: open({ allowed: [200, 404], note: '404 while no logo is uploaded' }) },
  // A gated document: only the reviewer whose grant names it (public documents are probed apart).
  '/documents/[file]': {
    GET: rule(['reviewerGranted'], { note: 'staff and customers read gated PDFs through a grant too: each copy is stamped for a grant’s recipient' }),
  },
  // The e-mailed link: whoever holds it is sent on (303), to /documents or to /access/invalid.
  '/access/[token]': { GET: open({ allowed: 'redirect' }) },
  '/api/access-requests': { POST: open() },
  '/api/subscriptions': { POST: open() },
  '/api/subscriptions/confirm': { POST: open() },
  '/api/subscriptions/unsubscribe': { POST: open() },

  // --- sign-in --------------------------------------------------------------------------------
  '/api/auth/demo': { POST: open() },
  '/api/auth/sso': { POST: open() },
  '/api/auth/callback': { GET: open({ allowed: 'redirect', note: 'no code: back to sign-in with an error' }) },
  '/api/auth/signout': { POST: open({ freshSession: true }) },
  // Directory Sync: WorkOS only, proved by the signature; no session makes it pass.
  '/api/webhooks/workos': { POST: rule([], { note: 'no actor of the app may send it; an unsigned body is 401' }) },

  // --- the staff console: /admin for vendor staff, each page for the roles that need it -------
  '/admin': { GET: anyStaff() },
  '/admin/account': { GET: anyStaff() },
  '/admin/tenants': { GET: anyStaff({ note: 'support asks for lockbox access and break-glass holders open sessions from here' }) },
  '/admin/tenants/[slug]': { GET: anyStaff() },
  '/admin/tenants/[slug]/data': { GET: anyStaff({ tenantData: 'filtered', note: 'the page opens; the records only with a grant or session (RLS)' }) },
  '/admin/lockbox': { GET: staffOnly('support', 'trust_admin') },
  '/admin/break-glass': { GET: staffOnly('break_glass', 'trust_admin') },
  '/admin/access-requests': adminPage,
  '/admin/access-requests/decided': adminPage,
  '/admin/access-requests/grants': adminPage,
  '/admin/access-requests/nda': adminPage,
  '/admin/access-requests/rules': adminPage,
  '/admin/certifications': adminPage,
  '/admin/certifications/[id]': adminPage,
  '/admin/documents': adminPage,
  '/admin/documents/new': adminPage,
  '/admin/documents/[id]': adminPage,
  '/admin/dpa': adminPage,
  '/admin/governance': adminPage,
  '/admin/governance/forwarding': adminPage,
  '/admin/outbox': adminPage,
  '/admin/questionnaires': adminPage,
  '/admin/questionnaires/[slug]': adminPage,
  '/admin/security': adminPage,
  '/admin/settings': adminPage,
  '/admin/subprocessors': adminPage,
  '/admin/subprocessors/new': adminPage,
  '/admin/subprocessors/subscribers': adminPage,
  '/admin/subprocessors/[slug]/change': adminPage,
  '/admin/updates': adminPage,
  '/admin/users': adminPage,
  '/admin/service-accounts': adminPage,

  // --- the staff JSON API: trust admins edit the portal ---------------------------------------
  '/api/admin/access/requests': { GET: trustAdmin() },
  '/api/admin/access/requests/[id]/approve': { POST: trustAdmin({ destructive: 'approves the reviewer’s request' }) },
  '/api/admin/access/requests/[id]/deny': { POST: trustAdmin({ destructive: 'denies the reviewer’s request' }) },
  '/api/admin/access/grants': { GET: trustAdmin() },
  '/api/admin/access/grants/[id]/revoke': { POST: trustAdmin({ destructive: 'revokes the reviewer’s grant' }) },
  '/api/admin/access/nda': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/access/rules': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/access/rules/[id]': { DELETE: trustAdmin({ destructive: 'deletes a domain rule' }) },
  '/api/admin/access/rules/[id]/delete': { POST: trustAdmin({ destructive: 'deletes a domain rule' }) },
  '/api/admin/break-glass/holders': {
    GET: anyStaff({ note: 'staff see who the holders are (lib: any staff); only trust admins designate them' }),
    POST: trustAdmin(),
  },
  '/api/admin/service-accounts': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/service-accounts/[id]/rotate': { POST: trustAdmin({ destructive: 'replaces the service account’s secret' }) },
  '/api/admin/service-accounts/[id]/revoke': { POST: trustAdmin({ destructive: 'revokes the service account' }) },
  '/api/admin/tenants/[slug]/external-key': { POST: trustAdmin({ note: 'an empty body is refused as invalid: nothing changes' }) },
  '/api/v1/openapi.json': { GET: open() },
  '/api/v1/jwks.json': { GET: open() },
  '/api/v1/access-reports': {
    POST: rule([], {
      note: 'service accounts only (a Bearer secret, no session): every session is refused 401; e2e/machine-api.api.spec.ts covers the secrets',
    }),
  },
  '/api/v1/grants/changes': {
    GET: rule([], {
      note: 'service accounts only (a Bearer secret, no session): every session is refused 401; e2e/machine-api.api.spec.ts covers the secrets',
    }),
  },
  '/api/v1/lockbox/tokens': {
    POST: rule([], {
      note: 'service accounts only (a Bearer secret, no session): every session is refused 401; e2e/machine-api.api.spec.ts covers the secrets',
    }),
  },
  '/api/v1/lockbox/decisions': {
    POST: rule([], {
      note: 'service accounts only (a Bearer secret, no session): every session is refused 401; e2e/machine-api.api.spec.ts covers the secrets',
    }),
  },
  '/api/admin/certifications': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/certifications/[id]': { GET: trustAdmin(), POST: trustAdmin(), PATCH: trustAdmin() },
  '/api/admin/documents': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/documents/[id]': { GET: trustAdmin(), POST: trustAdmin(), PATCH: trustAdmin() },
  '/api/admin/documents/[id]/archive': { POST: trustAdmin({ destructive: 'archives the gated document the reviewer’s grant names' }) },
  '/api/admin/documents/[id]/restore': { POST: trustAdmin({ destructive: 'restores a document (a state change)' }) },
  '/api/admin/documents/[id]/versions': { POST: trustAdmin() },
  '/api/admin/documents/[id]/versions/[version]': { GET: trustAdmin() },
  '/api/admin/dpa/draft': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/dpa/publish': { POST: trustAdmin() },
  '/api/admin/questionnaires': { GET: trustAdmin() },
  '/api/admin/questionnaires/[slug]': { GET: trustAdmin() },
  '/api/admin/questionnaires/[slug]/answers': { POST: trustAdmin() },
  '/api/admin/questionnaires/[slug]/import': { POST: trustAdmin() },
  '/api/admin/questionnaires/[slug]/export.csv': { GET: trustAdmin() },
  '/api/admin/questionnaires/[slug]/export.xlsx': { GET: trustAdmin() },
  '/api/admin/questionnaires/[slug]/pdf': { GET: trustAdmin() },
  '/api/admin/security-blocks': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/security-blocks/order': { POST: trustAdmin(), PUT: trustAdmin() },
  '/api/admin/security-blocks/[id]': { POST: trustAdmin(), PATCH: trustAdmin(), DELETE: trustAdmin({ destructive: 'deletes a security block' }) },
  '/api/admin/security-blocks/[id]/delete': { POST: trustAdmin({ destructive: 'deletes a security block' }) },
  '/api/admin/security-blocks/[id]/move': { POST: trustAdmin() },
  '/api/admin/settings': { GET: trustAdmin(), POST: trustAdmin(), PATCH: trustAdmin() },
  '/api/admin/settings/logo': { POST: trustAdmin(), DELETE: trustAdmin() },
  '/api/admin/settings/logo/delete': { POST: trustAdmin() },
  '/api/admin/subprocessors': { GET: trustAdmin() },
  '/api/admin/subprocessors/announce': { POST: trustAdmin() },
  '/api/admin/subprocessors/changes': { POST: trustAdmin() },
  '/api/admin/subprocessors/changes/[id]/cancel': { POST: trustAdmin({ destructive: 'cancels an announced change' }) },
  '/api/admin/subprocessors/subscribers': { GET: trustAdmin() },
  '/api/admin/updates': { GET: trustAdmin(), POST: trustAdmin() },
  '/api/admin/updates/[id]': { POST: trustAdmin(), PATCH: trustAdmin(), DELETE: trustAdmin({ destructive: 'deletes an update' }) },
  '/api/admin/updates/[id]/delete': { POST: trustAdmin({ destructive: 'deletes an update' }) },

  // --- the customer console: /console for a tenant's users ------------------------------------
  '/console': { GET: customers() },
  '/console/account': { GET: customers() },
  '/console/dpa': { GET: customers() },
  '/console/governance': { GET: customers({ note: 'members read their tenant’s log; admins also export and forward' }) },
  '/console/governance/forwarding': { GET: customerAdmin() },
  '/console/lockbox': { GET: customers({ note: 'members see the requests; only admins decide' }) },
  '/console/lockbox/settings': { GET: customers({ note: 'members read the settings; only admins change them' }) },
  '/console/lockbox/accesses': { GET: customers({ note: 'the accesses the vendor’s product reported to the tenant’s data' }) },
  '/console/users': { GET: customerAdmin() },
  '/console/dpa.pdf': { GET: customers({ allowed: [200, 404], note: '404 while the tenant has not executed the DPA' }) },
  '/api/dpa/executions': { GET: customers(), POST: customerAdmin() },

  // --- lockbox and break-glass (docs/lockbox.md) ----------------------------------------------
  '/api/lockbox/requests': {
    GET: anySignedIn({ note: 'staff: their own requests (trust admins all); customer users: their tenant’s' }),
    POST: rule(staffRoles('support'), {
      refusedBody: { tenant: 'globex', justification: 'Authorization matrix: must be refused', ticket: 'AUTHZ-REFUSED', durationMinutes: 30, access: 'read' },
      note: 'staff of other roles: the tenant is read first, so the refusal is recorded in its log',
    }),
  },
  '/api/lockbox/requests/[id]': {
    GET: rule([...allCustomers, ...supportStaff, 'trustAdmin'], { note: 'the tenant’s users, the requester, trust admins; another tenant’s id is 404' }),
  },
  '/api/lockbox/requests/[id]/approve': { POST: customerAdmin({ destructive: 'approves bob’s lockbox request' }) },
  '/api/lockbox/requests/[id]/deny': { POST: customerAdmin({ destructive: 'denies bob’s lockbox request' }) },
  '/api/lockbox/requests/[id]/revoke': { POST: customerAdmin({ destructive: 'revokes bob’s lockbox grant' }) },
  '/api/lockbox/settings': { GET: customers(), POST: customerAdmin() },
  '/api/break-glass': {
    GET: anySignedIn({ note: 'customer users: their tenant’s sessions (they are told at once); holders and trust admins: all; support: none' }),
    POST: rule(staffRoles('break_glass'), {
      refusedBody: { tenant: 'globex', justification: 'Authorization matrix: must be refused', incident: 'INC-AUTHZ-REFUSED', durationMinutes: 5 },
      note: 'staff of other roles: the tenant is read first, so the refusal is recorded in its log',
    }),
  },
  '/api/break-glass/[id]/end': { POST: rule(staffRoles('break_glass'), { destructive: 'ends a break-glass session (the invoker only)' }) },
  '/api/break-glass/[id]/review': { POST: staffOnly('break_glass') },
  '/api/tenants/[slug]/records': {
    GET: rule([...allCustomers, ...allStaff], {
      tenantData: 'filtered',
      note: 'the tenant’s users; staff get 200 with only what RLS lets them see',
    }),
  },
  '/api/tenants/[slug]/records/[id]': {
    POST: rule(allStaff, { tenantData: 'grantOnly', note: 'staff with a read-write grant or break-glass session only; customers never' }),
    PATCH: rule(allStaff, { tenantData: 'grantOnly', note: 'staff with a read-write grant or break-glass session only; customers never' }),
  },

  // --- governance log (docs/governance-log.md) ------------------------------------------------
  '/api/governance/events': { GET: chainReaders() },
  '/api/governance/export': { POST: chainReaders() },
  '/api/governance/forwarding': { GET: chainAdmins(), POST: chainAdmins() },
  '/api/governance/forwarding/deliveries': { GET: chainAdmins() },
  '/api/governance/forwarding/[id]': { DELETE: chainAdmins({ destructive: 'removes the chain’s SIEM endpoint' }) },
  '/api/governance/forwarding/[id]/remove': { POST: chainAdmins({ destructive: 'removes the chain’s SIEM endpoint' }) },
  '/api/governance/forwarding/[id]/enable': { POST: chainAdmins({ destructive: 'enables the endpoint (a state change)' }) },
  '/api/governance/forwarding/[id]/rotate': { POST: chainAdmins({ destructive: 'rotates the endpoint’s secret' }) },
  '/api/governance/forwarding/[id]/test': { POST: chainAdmins({ destructive: 'sends a test message to the endpoint' }) },

  // --- identity: directory groups to roles (docs/identity.md) ---------------------------------
  '/api/identity/mappings': { GET: chainAdmins(), POST: chainAdmins() },
  '/api/identity/mappings/[id]': { DELETE: chainAdmins({ destructive: 'deletes a group mapping' }) },
  '/api/identity/mappings/[id]/delete': {
    POST: chainAdmins({ destructive: 'deletes a group mapping', form: true, note: 'the console’s remove button; DELETE …/[id] is the JSON endpoint' }),
  },
  '/api/identity/settings': { POST: customerAdmin({ note: 'just-in-time provisioning of a tenant; staff are never provisioned just in time' }) },

  // --- one's own account and inbox ------------------------------------------------------------
  '/api/me/export': { POST: anySignedIn() },
  '/api/me/delete': { POST: customers({ note: 'staff accounts are managed by the vendor; `{}` lacks the confirmation' }) },
  '/api/notifications': { GET: anySignedIn() },
  '/api/notifications/read': { POST: anySignedIn() },
};
