// Turns (route, method, actor) into concrete requests: dynamic segments filled with real ids of
// the actor's own tenant (or the vendor's), and cross-tenant probes with the other tenant's ids.
import { randomUUID } from 'node:crypto';
import { ACTOR_INFO, type ActorId, STAFF_DATA_ACCESS, type Tenant } from './actors';
import { type AppRoute, fillPattern as fill, type Method } from '../support/app-routes';
import type { Rule } from './table';
import type { World } from './world';

type Owner = Tenant | 'vendor';
/** Values owned by a tenant (or the vendor's chain): the other tenant's are the cross-tenant probes. */
type OwnedKind = 'tenantSlug' | 'record' | 'lockboxRequest' | 'endpoint' | 'mapping' | 'breakGlassSession';
/** Values of the vendor's portal, the same for everyone. */
type SharedKind =
  | 'certification'
  | 'document'
  | 'documentVersion'
  | 'questionnaire'
  | 'securityBlock'
  | 'update'
  | 'subprocessor'
  | 'subprocessorChange'
  | 'accessRule'
  | 'accessRequest'
  | 'grant'
  | 'serviceAccount'
  | 'documentFile'
  | 'grantToken';
type Kind = OwnedKind | SharedKind;

const OWNED: Record<OwnedKind, Owner[]> = {
  tenantSlug: ['acme', 'globex'],
  record: ['acme', 'globex'],
  lockboxRequest: ['acme', 'globex'],
  endpoint: ['acme', 'globex', 'vendor'],
  mapping: ['acme', 'globex', 'vendor'],
  breakGlassSession: ['globex'],
};
const isOwned = (k: Kind): k is OwnedKind => k in OWNED;
/** Names of things (slugs, files, tokens, version numbers) rather than ids: kept real for destructive calls. */
const NAMES = new Set<Kind>(['tenantSlug', 'questionnaire', 'subprocessor', 'documentFile', 'grantToken', 'documentVersion']);

/** Which kind of value a dynamic segment takes, from its name and the path around it. */
export function kindOf(pattern: string, param: string): Kind | null {
  const p = pattern;
  if (param === 'slug') {
    if (/^\/(admin|api|api\/admin)\/tenants\/\[slug\]/.test(p)) return 'tenantSlug';
    if (p.includes('/questionnaires/[slug]')) return 'questionnaire';
    if (p.includes('/subprocessors/[slug]')) return 'subprocessor';
  }
  if (param === 'file' && p === '/documents/[file]') return 'documentFile';
  if (param === 'token' && p === '/access/[token]') return 'grantToken';
  if (param === 'version' && p.includes('/documents/[id]/versions/[version]')) return 'documentVersion';
  if (param === 'id') {
    const table: [RegExp, Kind][] = [
      [/\/certifications\/\[id\]/, 'certification'],
      [/\/documents\/\[id\]/, 'document'],
      [/\/security-blocks\/\[id\]/, 'securityBlock'],
      [/\/updates\/\[id\]/, 'update'],
      [/\/subprocessors\/changes\/\[id\]/, 'subprocessorChange'],
      [/\/access\/rules\/\[id\]/, 'accessRule'],
      [/\/access\/requests\/\[id\]/, 'accessRequest'],
      [/\/access\/grants\/\[id\]/, 'grant'],
      [/^\/api\/admin\/service-accounts\/\[id\]/, 'serviceAccount'],
      [/^\/api\/break-glass\/\[id\]/, 'breakGlassSession'],
      [/^\/api\/governance\/forwarding\/\[id\]/, 'endpoint'],
      [/^\/api\/identity\/mappings\/\[id\]/, 'mapping'],
      [/^\/api\/lockbox\/requests\/\[id\]/, 'lockboxRequest'],
      [/^\/api\/tenants\/\[slug\]\/records\/\[id\]/, 'record'],
    ];
    for (const [re, kind] of table) if (re.test(p)) return kind;
  }
  return null;
}

function ownedValue(world: World, kind: OwnedKind, owner: Owner): string {
  if (kind === 'tenantSlug') return owner;
  const from = owner === 'vendor' ? world.vendor : world.tenants[owner];
  const value = from[kind];
  if (!value) throw new Error(`no ${kind} of ${owner} in the matrix's fixtures`);
  return value;
}

function sharedValue(world: World, kind: SharedKind): string {
  switch (kind) {
    case 'documentFile':
      return world.documents.granted;
    case 'grantToken':
      return world.tokens.own;
    default:
      return world.ids[kind];
  }
}

/** The owners whose values are the actor's own: their tenant; the vendor's chain for staff on chain-scoped things. */
function homeOwners(actor: ActorId, kind: OwnedKind): Owner[] {
  const info = ACTOR_INFO[actor];
  const available = OWNED[kind];
  if (info.kind === 'customer') return available.includes(info.tenant!) ? [info.tenant!] : [available[0]];
  if (info.kind === 'staff') return kind === 'endpoint' || kind === 'mapping' ? ['vendor'] : available.filter((o) => o !== 'vendor');
  return [available[0]];
}

export interface Probe {
  route: AppRoute;
  method: Method;
  actor: ActorId;
  rule: Rule;
  path: string;
  /** Another tenant's (or chain's, or reviewer's) value in a segment: must be refused whatever the table says. */
  cross: string | null;
  /** Whether the table lets this actor in for this probe (false for every cross probe). */
  allowed: boolean;
  /** The tenant whose records the probe concerns (a tenant-slug route). */
  tenant: Tenant | null;
  /** The actor may see that tenant's records (customers of it; staff with a grant). */
  seesRecords: boolean;
  /** Made-up ids in place of real ones, so that an allowed destructive call finds nothing to change. */
  madeUp: boolean;
}

/** Every request the matrix sends for one route, method and actor. */
export function probesFor(world: World, route: AppRoute, method: Method, actor: ActorId, rule: Rule): Probe[] {
  const info = ACTOR_INFO[actor];
  const kinds = Object.fromEntries(route.params.map((p) => [p, kindOf(route.pattern, p)]));
  for (const [param, kind] of Object.entries(kinds)) {
    if (!kind) throw new Error(`${route.file}: the matrix does not know what value [${param}] takes; teach kindOf() (e2e/authz/probes.ts)`);
  }
  const ownedParams = route.params.filter((p) => isOwned(kinds[p]!));
  const shared = Object.fromEntries(route.params.filter((p) => !isOwned(kinds[p]!)).map((p) => [p, sharedValue(world, kinds[p] as SharedKind)]));
  const inTable = rule.allow.includes(actor);

  const make = (owners: Record<string, Owner>, cross: string | null): Probe => {
    const values: Record<string, string> = { ...shared };
    for (const p of ownedParams) values[p] = ownedValue(world, kinds[p] as OwnedKind, owners[p]);
    const slugParam = ownedParams.find((p) => kinds[p] === 'tenantSlug');
    const tenant = slugParam ? (owners[slugParam] as Tenant) : null;
    const seesRecords = tenant !== null && (info.tenant === tenant || (STAFF_DATA_ACCESS[actor] ?? []).includes(tenant));
    let allowed = inTable && cross === null;
    if (allowed && rule.tenantData === 'grantOnly' && info.kind === 'staff' && !seesRecords) allowed = false;
    const madeUp = allowed && Boolean(rule.destructive);
    if (madeUp) for (const p of route.params) if (!NAMES.has(kinds[p]!)) values[p] = randomUUID();
    return { route, method, actor, rule, path: fill(route.pattern, values), cross, allowed, tenant, seesRecords, madeUp };
  };

  const probes: Probe[] = [];
  if (ownedParams.length === 0) {
    probes.push(make({}, null));
  } else {
    // Home: every owned segment from one of the actor's own owners.
    const firstKind = kinds[ownedParams[0]] as OwnedKind;
    const homes = homeOwners(actor, firstKind).filter((o) => ownedParams.every((p) => OWNED[kinds[p] as OwnedKind].includes(o)));
    for (const home of homes) probes.push(make(Object.fromEntries(ownedParams.map((p) => [p, home])), null));
    // Cross: every other combination of owners, for signed-in actors (visitors are refused everything of a tenant anyway).
    if (info.kind !== 'visitor') {
      const combos = ownedParams.reduce<Record<string, Owner>[]>(
        (acc, p) => acc.flatMap((c) => OWNED[kinds[p] as OwnedKind].map((o) => ({ ...c, [p]: o }))),
        [{}],
      );
      for (const combo of combos) {
        const owners = new Set(Object.values(combo));
        const isHome = owners.size === 1 && homes.includes([...owners][0]);
        if (isHome) continue;
        const foreign = ownedParams.filter((p) => !homes.includes(combo[p]) || owners.size > 1).map((p) => `[${p}] of ${combo[p]}`);
        probes.push(make(combo, foreign.join(', ')));
      }
    }
  }
  // Documents: the other reviewer's gated document is refused to a grant that does not name it,
  // and a public document opens for everyone.
  if (route.pattern === '/documents/[file]') {
    probes.push({ ...make({}, 'another reviewer’s document'), path: `/documents/${world.documents.grantedToAnother}` });
    probes.push({ ...make({}, null), path: `/documents/${world.documents.public}`, allowed: true, cross: null });
  }
  return probes;
}
