// The world the authorization matrix asks in: its own app server (so that grants, sessions and
// a provisioned account change nothing the other specs rely on), a session for every kind of
// actor, and real ids of each tenant (and of the vendor) to fill the routes' dynamic segments.
import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { MAILBOX_URL, TEST_SMTP_PORT } from '../../playwright.config';
import { linkIn, mailTo } from '../../test/helpers/mail-server/mailbox';
import { signWebhook } from '../../test/helpers/fake-workos/sign';
import { ACCOUNTS } from '../helpers';
import { type AppProcess, startApp } from '../support/app-process';
import type { ActorId, Tenant } from './actors';
import { type Answer, cookieHeader, cookiePairs, send } from './http';

const unique = () => randomBytes(4).toString('hex');
const WEBHOOK_SECRET = `whsec_authz_${unique()}`;

/** Who signs in as each kind of actor (demo sign-in), or null for a visitor without a session. */
const SIGN_IN: Record<ActorId, string | null> = {
  signedOut: null,
  reviewer: null,
  reviewerGranted: null,
  acmeMember: ACCOUNTS.dan,
  acmeAdmin: ACCOUNTS.carol,
  globexMember: null, // provisioned below
  globexAdmin: ACCOUNTS.erin,
  support: ACCOUNTS.bob,
  supportGranted: ACCOUNTS.bob,
  breakGlass: ACCOUNTS.grace,
  trustAdmin: ACCOUNTS.alice,
};

/** Ids that belong to one tenant's data, or to the vendor's own chain. */
export interface Owned {
  lockboxRequest?: string;
  record?: string;
  endpoint?: string;
  mapping?: string;
  breakGlassSession?: string;
}

export interface World {
  app: AppProcess;
  url: string;
  /** The Cookie header of each actor ('' for signed out). */
  cookies: Record<ActorId, string>;
  /** A new session of the actor, for requests that end the session they are sent with. */
  freshCookie(actor: ActorId): Promise<string>;
  globexMemberEmail: string;
  tenants: Record<Tenant, Owned>;
  vendor: Owned;
  /** Vendor-wide ids the staff tools take. */
  ids: {
    certification: string;
    document: string;
    documentVersion: string;
    questionnaire: string;
    securityBlock: string;
    update: string;
    subprocessor: string;
    subprocessorChange: string;
    accessRule: string;
    /** The reviewer's own approved request and its grant. */
    accessRequest: string;
    grant: string;
    serviceAccount: string;
  };
  documents: {
    /** The gated document the granted reviewer holds a grant for, and the one another reviewer holds. */
    granted: string;
    grantedToAnother: string;
    public: string;
  };
  tokens: { own: string; another: string };
  /**
   * Strings of a tenant that nobody outside it may see: `records` (its confidential records,
   * for staff only while a grant or session is active) and `all` (those plus the ids and
   * names of its lockbox requests, endpoints, mappings, sessions and users).
   */
  markers: Record<Tenant, { records: string[]; all: string[] }>;
  /** Carol approves bob's acme request: from then on `supportGranted` is what it says. */
  grantSupport(): Promise<void>;
}

function ok(answer: Answer, what: string, status = 200) {
  expect(answer.status, `${what}: ${answer.text.slice(0, 500)}`).toBe(status);
  return JSON.parse(answer.text);
}

export async function buildWorld(port: number): Promise<World> {
  const app = await startApp({
    port,
    dataDir: `.data/e2e-authz-${port}`,
    env: {
      TRUST_PROXY: '1',
      SMTP_URL: `smtp://127.0.0.1:${TEST_SMTP_PORT}`,
      // WorkOS is configured only so that a signed Directory Sync webhook can provision a globex
      // member (nothing here calls the WorkOS API); demo sign-in stays on for the other actors.
      WORKOS_API_KEY: 'sk_test_authz_matrix',
      WORKOS_CLIENT_ID: 'client_authz_matrix',
      WORKOS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      WORKOS_API_HOSTNAME: '127.0.0.1',
      WORKOS_API_PORT: '9',
      WORKOS_API_HTTPS: 'false',
      DEMO_SIGN_IN: '1',
      FORWARDING_ALLOW_PRIVATE_TARGETS: '1',
    },
  });
  const url = app.url;
  const call = (method: string, path: string, cookie?: string, body?: unknown) => send(url, method, path, { cookie, body });

  async function signIn(email: string): Promise<string> {
    const answer = await call('POST', '/api/auth/demo', undefined, { email });
    ok(answer, `demo sign-in of ${email}`);
    return cookieHeader(cookiePairs(answer.setCookies));
  }

  // A globex customer member, provisioned the way production provisions one: globex's
  // directory tells WorkOS, WorkOS tells the app (a signed dsync.user.created webhook).
  const globexMemberEmail = `gus-${unique()}@globex.example`;
  const event = JSON.stringify({
    object: 'event',
    id: `event_authz_${unique()}`,
    event: 'dsync.user.created',
    created_at: new Date().toISOString(),
    data: {
      object: 'directory_user',
      id: `directory_user_gus_${unique()}`,
      directory_id: 'directory_globex',
      organization_id: 'org_globex',
      idp_id: unique(),
      email: globexMemberEmail,
      first_name: 'Gus',
      last_name: 'Member',
      state: 'active',
      custom_attributes: {},
      raw_attributes: {},
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    },
  });
  const provisioned = await send(url, 'POST', '/api/webhooks/workos', {
    body: event,
    headers: { 'workos-signature': signWebhook(event, WEBHOOK_SECRET) },
  });
  expect(ok(provisioned, 'provisioning the globex member')).toEqual({ ok: true, outcome: 'applied' });

  const cookies = {} as Record<ActorId, string>;
  const emailOf = (actor: ActorId) => (actor === 'globexMember' ? globexMemberEmail : SIGN_IN[actor]);
  await Promise.all(
    (Object.keys(SIGN_IN) as ActorId[]).map(async (actor) => {
      const email = emailOf(actor);
      cookies[actor] = email ? await signIn(email) : '';
    }),
  );
  const me = JSON.parse((await call('POST', '/api/me/export', cookies.globexMember)).text);
  expect(me.account, 'the provisioned globex account').toMatchObject({ email: globexMemberEmail, role: 'customer_member' });

  const alice = cookies.trustAdmin;
  const get = async (path: string, cookie: string) => ok(await call('GET', path, cookie), `GET ${path}`);

  // --- vendor-wide ids -------------------------------------------------------------------------
  const [certs, docs, questionnaires, blocks, updates, subprocessors, rules] = await Promise.all([
    get('/api/admin/certifications', alice),
    get('/api/admin/documents', alice),
    get('/api/admin/questionnaires', alice),
    get('/api/admin/security-blocks', alice),
    get('/api/admin/updates', alice),
    get('/api/admin/subprocessors', alice),
    get('/api/admin/access/rules', alice),
  ]);
  type Doc = { id: string; slug: string; visibility: string; currentVersion?: { version?: number } | number | null };
  const documentList = docs.documents as Doc[];
  const granted = 'soc2-type2-report';
  const grantedToAnother = 'pen-test-summary-2026';
  const gatedDoc = documentList.find((d) => d.slug === granted)!;
  const publicDoc = documentList.find((d) => d.visibility === 'public')!;
  expect(gatedDoc && publicDoc, 'a gated and a public document in the demo data').toBeTruthy();
  const detail = await get(`/api/admin/documents/${gatedDoc.id}`, alice);
  const version = String(JSON.stringify(detail).match(/"version":(\d+)/)?.[1] ?? '1');
  const serviceAccount = ok(
    await call('POST', '/api/admin/service-accounts', alice, { name: 'Authorization matrix', scopes: ['lockbox:check'] }),
    'a service account',
    201,
  ).serviceAccount as { id: string };

  // --- reviewers: ask, get approved, follow the e-mailed link -----------------------------------
  const nda = (await get('/api/nda', '')).nda as { id: string; sha256: string };
  async function askFor(document: string) {
    const email = `rita-${unique()}@prospect-${unique()}.example`;
    const filed = await call('POST', '/api/access-requests', undefined, {
      name: 'Rita Reviewer',
      email,
      company: 'Prospect Ltd',
      reason: 'Vendor due diligence',
      documents: [document],
      ndaVersionId: nda.id,
      ndaSha256: nda.sha256,
      typedName: 'Rita Reviewer',
      acceptNda: true,
    });
    return { email, id: ok(filed, 'an access request', 201).request.id as string };
  }
  async function grantTo(document: string) {
    const { email, id } = await askFor(document);
    ok(await call('POST', `/api/admin/access/requests/${id}/approve`, alice, { note: 'authorization matrix' }), 'approving an access request');
    const link = linkIn(await mailTo(MAILBOX_URL, email, /Your access to/), `${url}/access/`);
    return { id, email, token: link.slice(`${url}/access/`.length) };
  }
  const [own, another] = await Promise.all([grantTo(granted), grantTo(grantedToAnother), askFor(granted)]);
  const followed = await send(url, 'GET', `/access/${own.token}`);
  expect(followed.status, 'following the grant link').toBe(303);
  cookies.reviewerGranted = cookieHeader(cookiePairs(followed.setCookies));
  expect(cookies.reviewerGranted).toMatch(/^tc_grant=/);
  const grants = (await get('/api/admin/access/grants', alice)).grants as { id: string; email: string }[];
  const grant = grants.find((g) => g.email === own.email)!;

  // --- bob asks both tenants (acme's is approved later); heidi opens and ends a globex session --
  const ticket = { acme: `AUTHZ-ACME-${unique()}`, globex: `AUTHZ-GLOBEX-${unique()}` };
  const ask = async (tenant: Tenant, access: string) =>
    ok(
      await call('POST', '/api/lockbox/requests', cookies.support, {
        tenant,
        justification: `Authorization matrix: ${tenant} request`,
        ticket: ticket[tenant],
        durationMinutes: 60,
        access,
      }),
      `bob asks ${tenant}`,
      201,
    ).request.id as string;
  const [acmeRequest, globexRequest] = await Promise.all([ask('acme', 'read_write'), ask('globex', 'read')]);

  const heidi = await signIn(ACCOUNTS.heidi);
  const incident = `INC-AUTHZ-${unique()}`;
  const session = ok(
    await call('POST', '/api/break-glass', heidi, {
      tenant: 'globex',
      justification: 'Authorization matrix: a session to end and review',
      incident,
      durationMinutes: 15,
    }),
    'heidi opens a break-glass session',
    201,
  ).session.id as string;
  ok(await call('POST', `/api/break-glass/${session}/end`, heidi, {}), 'heidi ends it');

  // --- each chain's SIEM endpoint and group mapping ---------------------------------------------
  const endpointUrl = (owner: string) => `http://127.0.0.1:9/authz-${owner}-${unique()}`;
  const addEndpoint = async (cookie: string, owner: string) => {
    const target = endpointUrl(owner);
    const body = ok(await call('POST', '/api/governance/forwarding', cookie, { url: target, description: `authz ${owner}` }), `${owner} endpoint`, 201);
    return { id: body.endpoint.id as string, url: target };
  };
  const group = (owner: string) => `authz-${owner}-group-${unique()}`;
  const addMapping = async (cookie: string, owner: string, role: string) => {
    const name = group(owner);
    const body = ok(await call('POST', '/api/identity/mappings', cookie, { groupName: name, role }), `${owner} mapping`, 201);
    return { id: body.mapping.id as string, name };
  };
  const [acmeEndpoint, globexEndpoint, vendorEndpoint, acmeMapping, globexMapping, vendorMapping] = await Promise.all([
    addEndpoint(cookies.acmeAdmin, 'acme'),
    addEndpoint(cookies.globexAdmin, 'globex'),
    addEndpoint(alice, 'vendor'),
    addMapping(cookies.acmeAdmin, 'acme', 'customer_member'),
    addMapping(cookies.globexAdmin, 'globex', 'customer_member'),
    addMapping(alice, 'vendor', 'support'),
  ]);

  // --- each tenant's confidential records, read by its own admin ------------------------------
  type Rec = { id: string; title: string };
  const [acmeRecords, globexRecords] = await Promise.all([
    get('/api/tenants/acme/records', cookies.acmeAdmin).then((b) => b.records as Rec[]),
    get('/api/tenants/globex/records', cookies.globexAdmin).then((b) => b.records as Rec[]),
  ]);
  expect(acmeRecords.length && globexRecords.length, 'both tenants hold records').toBeTruthy();

  // A record's id, and its title where that is distinctive: not a phrase of a public page nor of
  // the other tenant's records (a title such as "Billing contact" is also a data category).
  const publicText = (await Promise.all(['/', '/subprocessors', '/security', '/sign-in'].map((p) => call('GET', p)))).map((a) => a.text).join('\n');
  const allRecordText = JSON.stringify([acmeRecords, globexRecords]);
  const recordMarkers = (records: Rec[]) =>
    records.flatMap((r) => [r.id, ...(r.title.length >= 12 && !publicText.includes(r.title) && allRecordText.split(r.title).length === 2 ? [r.title] : [])]);
  const markers: Record<Tenant, { records: string[]; all: string[] }> = {
    acme: {
      records: recordMarkers(acmeRecords),
      all: [...recordMarkers(acmeRecords), acmeRequest, ticket.acme, acmeEndpoint.id, acmeEndpoint.url, acmeMapping.id, acmeMapping.name],
    },
    globex: {
      records: recordMarkers(globexRecords),
      all: [
        ...recordMarkers(globexRecords),
        globexRequest,
        ticket.globex,
        globexEndpoint.id,
        globexEndpoint.url,
        globexMapping.id,
        globexMapping.name,
        session,
        incident,
        globexMemberEmail,
      ],
    },
  };

  return {
    app,
    url,
    cookies,
    freshCookie: async (actor) => {
      const email = emailOf(actor);
      return email ? signIn(email) : cookies[actor];
    },
    globexMemberEmail,
    tenants: {
      acme: { lockboxRequest: acmeRequest, record: acmeRecords[0].id, endpoint: acmeEndpoint.id, mapping: acmeMapping.id },
      globex: {
        lockboxRequest: globexRequest,
        record: globexRecords[0].id,
        endpoint: globexEndpoint.id,
        mapping: globexMapping.id,
        breakGlassSession: session,
      },
    },
    vendor: { endpoint: vendorEndpoint.id, mapping: vendorMapping.id },
    ids: {
      certification: certs.certifications[0].id,
      document: gatedDoc.id,
      documentVersion: version,
      questionnaire: questionnaires.questionnaires[0].slug,
      securityBlock: blocks.blocks[0].id,
      update: updates.updates[0].id,
      subprocessor: subprocessors.current[0].slug,
      subprocessorChange: subprocessors.upcoming[0].id,
      accessRule: rules.rules[0].id,
      accessRequest: own.id,
      grant: grant.id,
      serviceAccount: serviceAccount.id,
    },
    documents: { granted: `${granted}.pdf`, grantedToAnother: `${grantedToAnother}.pdf`, public: `${publicDoc.slug}.pdf` },
    tokens: { own: own.token, another: another.token },
    markers,
    grantSupport: async () => {
      const approved = await call('POST', `/api/lockbox/requests/${acmeRequest}/approve`, cookies.acmeAdmin, { comment: 'Authorization matrix' });
      expect(ok(approved, 'carol approves bob’s acme request').request.state).toBe('active');
    },
  };
}
