// A local stand-in for the WorkOS API, for tests only: it answers the endpoints that
// @workos-inc/node calls for SSO and Directory Sync, with WorkOS's wire shapes (snake_case),
// and signs webhooks the way WorkOS does. The app's SDK reaches it through
// WORKOS_API_HOSTNAME, WORKOS_API_PORT and WORKOS_API_HTTPS=false.
import { randomBytes } from 'node:crypto';
import http from 'node:http';

export interface FakeProfile {
  email: string;
  organizationId: string;
  firstName: string;
  lastName: string;
}

export interface FakeDirectoryUser {
  id: string;
  directoryId: string;
  organizationId: string;
  email: string;
  firstName: string;
  lastName: string;
  state: 'active' | 'inactive';
  groups: string[];
}

export interface FakeDirectoryGroup {
  id: string;
  directoryId: string;
  organizationId: string;
  name: string;
}

export interface FakeWorkOSOptions {
  port: number;
  apiKey: string;
  clientId: string;
  profiles: FakeProfile[];
  users?: FakeDirectoryUser[];
  groups?: FakeDirectoryGroup[];
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

export function wireProfile(p: FakeProfile) {
  return {
    object: 'profile',
    id: `prof_${p.email.replace(/\W/g, '_')}`,
    idp_id: p.email,
    organization_id: p.organizationId,
    connection_id: `conn_${p.organizationId}`,
    connection_type: 'OktaSAML',
    email: p.email,
    first_name: p.firstName,
    last_name: p.lastName,
    raw_attributes: {},
  };
}

export function wireUser(u: FakeDirectoryUser, groups: FakeDirectoryGroup[] = []) {
  return {
    object: 'directory_user',
    id: u.id,
    directory_id: u.directoryId,
    organization_id: u.organizationId,
    idp_id: u.id,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    state: u.state,
    custom_attributes: {},
    raw_attributes: {},
    groups: groups.filter((g) => u.groups.includes(g.id)).map(wireGroup),
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

export function wireGroup(g: FakeDirectoryGroup) {
  return {
    object: 'directory_group',
    id: g.id,
    idp_id: g.id,
    directory_id: g.directoryId,
    organization_id: g.organizationId,
    name: g.name,
    raw_attributes: {},
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

export function startFakeWorkOS(options: FakeWorkOSOptions): Promise<http.Server> {
  const codes = new Map<string, FakeProfile>();
  // Tests may force the profile the next sign-in yields, to play a hostile identity provider.
  let override: FakeProfile | null = null;
  const users = options.users ?? [];
  const groups = options.groups ?? [];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${options.port}`);
    try {
      if (req.method === 'GET' && url.pathname === '/sso/authorize') {
        const redirectUri = url.searchParams.get('redirect_uri');
        const state = url.searchParams.get('state') ?? '';
        const organization = url.searchParams.get('organization');
        const hint = url.searchParams.get('login_hint')?.toLowerCase();
        if (!redirectUri || url.searchParams.get('client_id') !== options.clientId) {
          return json(res, 400, { error: 'invalid_request', error_description: 'client_id or redirect_uri is wrong' });
        }
        const back = new URL(redirectUri);
        const profile = override ?? options.profiles.find((p) => p.organizationId === organization && p.email === hint);
        override = null;
        if (!profile) {
          back.searchParams.set('error', 'access_denied');
          back.searchParams.set('error_description', 'No such user at this identity provider');
        } else {
          const code = randomBytes(16).toString('hex');
          codes.set(code, profile);
          back.searchParams.set('code', code);
        }
        back.searchParams.set('state', state);
        res.writeHead(302, { Location: back.href });
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/sso/token') {
        const form = new URLSearchParams(await readBody(req));
        if (form.get('client_secret') !== options.apiKey || form.get('client_id') !== options.clientId) {
          return json(res, 401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
        }
        const profile = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!profile || form.get('grant_type') !== 'authorization_code') {
          return json(res, 400, { error: 'invalid_grant', error_description: 'The code is invalid or was used already' });
        }
        return json(res, 200, { access_token: `token_${randomBytes(8).toString('hex')}`, profile: wireProfile(profile) });
      }
      if (req.headers.authorization !== `Bearer ${options.apiKey}` && !url.pathname.startsWith('/__test/')) {
        return json(res, 401, { message: 'Unauthorized' });
      }
      if (req.method === 'GET' && url.pathname === '/directory_users') {
        const directory = url.searchParams.get('directory');
        const group = url.searchParams.get('group');
        const data = users.filter((u) => (!directory || u.directoryId === directory) && (!group || u.groups.includes(group))).map((u) => wireUser(u, groups));
        return json(res, 200, { object: 'list', data, list_metadata: { before: null, after: null } });
      }
      if (req.method === 'GET' && url.pathname === '/directory_groups') {
        const directory = url.searchParams.get('directory');
        const member = url.searchParams.get('user');
        const data = groups
          .filter((g) => (!directory || g.directoryId === directory) && (!member || users.find((u) => u.id === member)?.groups.includes(g.id)))
          .map(wireGroup);
        return json(res, 200, { object: 'list', data, list_metadata: { before: null, after: null } });
      }
      if (req.method === 'POST' && url.pathname === '/__test/next-profile') {
        override = JSON.parse(await readBody(req)) as FakeProfile;
        return json(res, 200, { ok: true });
      }
      if (req.method === 'GET' && url.pathname === '/__test/health') return json(res, 200, { ok: true });
      return json(res, 404, { message: `Not found: ${req.method} ${url.pathname}` });
    } catch (error) {
      return json(res, 500, { message: String(error) });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}
