import { z } from 'zod';
import { decisionInput } from './decision';
import { GRANT_TOKEN_TYPE, TOKEN_SECONDS, tokenInput } from './grant-tokens';
import { feedQuery, MAX_WAIT_SECONDS, POLL_MS } from './grant-feed';
import { REPORT_WINDOW_DAYS, reportInput } from './access-reports';
import { SERVICE_SCOPES } from './scopes';

const grant = z
  .object({
    id: z.uuid().describe('The lockbox request or break-glass session that grants the access.'),
    kind: z.enum(['lockbox', 'break_glass']),
    access: z.enum(['read', 'read_write']).describe('What the grant allows.'),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().describe('When the access ends, whatever happens before.'),
  })
  .describe('An active grant.');

const decision = z.object({
  allowed: z.boolean().describe('Whether the staff member may reach the tenant’s data now with the access asked for.'),
  reason: z.enum(['granted', 'no_grant', 'insufficient_access', 'unknown_staff']),
  staffId: z
    .uuid()
    .nullable()
    .describe('The trust center’s id for the staff member (the `sub` of grant tokens); null when no active staff member has this name.'),
  grant: grant.nullable().describe('The grant that answers, when one is active (also when it gives read and read_write was asked).'),
  checkedAt: z.iso.datetime(),
});

const grantToken = z.object({
  token: z.string().describe(`A JWT (typ \`${GRANT_TOKEN_TYPE}\`, alg EdDSA) to verify offline against /api/v1/jwks.json.`),
  expiresAt: z.iso.datetime().describe(`At most ${TOKEN_SECONDS} s after it was issued, and never past the grant’s end.`),
  grant,
});

const grantChange = z.object({
  cursor: z.string().describe('Resume after this change with `after=<cursor>`.'),
  change: z.enum(['approved', 'revoked', 'expired', 'opened', 'ended']).describe('`opened` and `ended` are break-glass sessions; the others lockbox grants.'),
  grant: grant.describe('The grant as it stands after the change: `endsAt` is when a revoked grant or an ended session stopped.'),
  tenant: z.string().nullable().describe('The tenant’s key in your product; null while no trust admin has set one.'),
  staff: z.object({ id: z.uuid(), email: z.string(), directoryUserId: z.string().nullable() }),
  occurredAt: z.iso.datetime(),
});

const grantChanges = z.object({
  changes: z.array(grantChange),
  cursor: z.string().describe('The cursor of the last change given, or the one asked with when none: ask again with `after=<cursor>`.'),
});

const accessReport = z.object({
  id: z.uuid().describe('The trust center’s id for the report.'),
  reportId: z.string(),
  covered: z.boolean().describe('Whether a grant of the staff member covered the access when it happened (the database decides).'),
  grant: z.object({ id: z.uuid(), kind: z.enum(['lockbox', 'break_glass']) }).nullable(),
  occurredAt: z.iso.datetime(),
  duplicate: z.boolean().describe('The report was received before with this reportId: nothing new was recorded.'),
});

const error = z.object({
  error: z.object({
    code: z.string().describe('Stable, for programs: `unauthenticated`, `missing_scope`, `rate_limited`, `invalid_<field>`, `unknown_tenant`, ...'),
    message: z.string().describe('For people.'),
  }),
});

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return rest;
};

const feedParameters = Object.entries(
  (z.toJSONSchema(feedQuery, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, object> }).properties,
).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/** The machine API's OpenAPI 3.1 document, served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Trust Center machine API',
      version: '1',
      description:
        'For the vendor’s own systems: ask whether a staff member may reach a customer’s data now. Authenticate with a service account’s secret, created by a trust admin in the staff console (Service accounts), as `Authorization: Bearer <secret>`. Each endpoint needs one scope. A request without a live secret gets 401, one without the scope 403, and past the rate limits 429 with Retry-After.',
    },
    servers: [{ url: new URL('/api/v1', serverUrl).href }],
    security: [{ serviceAccount: [] }],
    paths: {
      '/lockbox/decisions': {
        post: {
          operationId: 'decideAccess',
          summary: 'May this staff member reach this tenant’s data now?',
          description:
            'Answered from the same grants that the customer approved in the trust center: an open break-glass session, or an approved lockbox grant that has begun and not ended. Every answer is recorded in the tenant’s governance log (the same answer at most once a minute). Needs the `lockbox:check` scope.',
          tags: ['Lockbox'],
          'x-required-scope': 'lockbox:check',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DecisionRequest' } } } },
          responses: {
            '200': { description: 'The answer.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Decision' } } } },
            '400': errorResponse('The request is not valid; `error.code` names the field.'),
            '401': errorResponse('No live service account secret.'),
            '403': errorResponse('The service account does not hold `lockbox:check`.'),
            '404': errorResponse('No tenant has this key (`unknown_tenant`).'),
            '429': errorResponse('Too many requests; try again after Retry-After seconds.'),
          },
        },
      },
      '/lockbox/tokens': {
        post: {
          operationId: 'issueGrantToken',
          summary: 'A short-lived signed token for an access the decision allows',
          description: `Decides as /lockbox/decisions does (and records the decision), then signs a JWT with Ed25519 that the product’s services verify offline: header \`typ\` is \`${GRANT_TOKEN_TYPE}\` and \`kid\` names a key of /jwks.json; claims \`iss\` (this trust center’s origin), \`aud\` (the audience asked for), \`sub\` (the staff member’s id), \`email\` or \`directory_user_id\`, \`tenant\` (the tenant’s key), \`access\`, \`grant\`, \`grant_kind\`, \`jti\`, \`iat\`, \`nbf\` and \`exp\` (at most ${TOKEN_SECONDS} s, never past the grant’s end). Needs the \`lockbox:check\` scope.`,
          tags: ['Lockbox'],
          'x-required-scope': 'lockbox:check',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/TokenRequest' } } } },
          responses: {
            '201': { description: 'The token.', content: { 'application/json': { schema: { $ref: '#/components/schemas/GrantToken' } } } },
            '400': errorResponse('The request is not valid; `error.code` names the field.'),
            '401': errorResponse('No live service account secret.'),
            '403': errorResponse('The service account does not hold `lockbox:check` (`missing_scope`), or no active grant allows the access (`no_access`).'),
            '404': errorResponse('No tenant has this key (`unknown_tenant`).'),
            '429': errorResponse('Too many requests; try again after Retry-After seconds.'),
          },
        },
      },
      '/grants/changes': {
        get: {
          operationId: 'grantChanges',
          summary: 'Every grant change after a cursor, in the order the changes committed',
          description: `A lockbox grant approved, revoked or expired, a break-glass session opened or ended: each once, numbered in commit order, so a consumer that resumes after the last cursor it stored misses nothing and sees nothing twice. Start with \`after=0\`. With \`wait\` (up to ${MAX_WAIT_SECONDS} s), an empty answer waits for the next change and comes as soon as it commits (within ${POLL_MS} ms). An expiry is written when the trust center’s sweep notices it (within a minute): enforce \`grant.endsAt\` yourself. Needs the \`grants:read\` scope.`,
          tags: ['Lockbox'],
          'x-required-scope': 'grants:read',
          parameters: feedParameters,
          responses: {
            '200': { description: 'The changes, oldest first.', content: { 'application/json': { schema: { $ref: '#/components/schemas/GrantChanges' } } } },
            '400': errorResponse('A query parameter is not valid; `error.code` names it.'),
            '401': errorResponse('No live service account secret.'),
            '403': errorResponse('The service account does not hold `grants:read`.'),
            '429': errorResponse('Too many requests; try again after Retry-After seconds.'),
          },
        },
      },
      '/access-reports': {
        post: {
          operationId: 'reportAccess',
          summary: 'Report a read or write of a tenant’s data by a staff member',
          description: `For each access your product makes under a grant (or believes it does). The database finds the grant that covered it at \`occurredAt\` (within the last ${REPORT_WINDOW_DAYS} days); the access lands in the tenant’s governance log, and one that no grant covered is told to the tenant’s admins at once. Send each access with an id of your own (\`reportId\`): a report sent again is kept once and answered 200 with \`duplicate\`. Needs the \`access:report\` scope.`,
          tags: ['Access transparency'],
          'x-required-scope': 'access:report',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/AccessReportRequest' } } } },
          responses: {
            '201': { description: 'Recorded.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AccessReport' } } } },
            '200': {
              description: 'Received before with this reportId: nothing new.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/AccessReport' } } },
            },
            '400': errorResponse('The report is not valid; `error.code` names the field.'),
            '401': errorResponse('No live service account secret.'),
            '403': errorResponse('The service account does not hold `access:report`.'),
            '404': errorResponse('No tenant has this key (`unknown_tenant`).'),
            '409': errorResponse('This reportId was used for another tenant (`report_conflict`).'),
            '429': errorResponse('Too many requests; try again after Retry-After seconds.'),
          },
        },
      },
      '/jwks.json': {
        get: {
          operationId: 'grantTokenKeys',
          summary: 'The public keys that verify grant tokens',
          tags: ['Lockbox'],
          security: [],
          responses: {
            '200': {
              description: 'A JWK set (RFC 7517) of Ed25519 keys; cache it for at most five minutes.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/JwkSet' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        serviceAccount: {
          type: 'http',
          scheme: 'bearer',
          description: `A service account’s secret (tcs_...). Scopes: ${Object.entries(SERVICE_SCOPES)
            .map(([scope, what]) => `\`${scope}\`: ${what}`)
            .join(' ')}`,
        },
      },
      schemas: {
        DecisionRequest: {
          ...json(decisionInput, 'input'),
          description:
            'The tenant by the key your product knows it by (set on the tenant’s page in the staff console), the staff member by exactly one of `email` and `directoryUserId`, and the access the action needs.',
        },
        TokenRequest: { ...json(tokenInput, 'input'), description: 'As a decision request, with the audience: the service that will verify the token.' },
        GrantToken: json(grantToken),
        JwkSet: {
          type: 'object',
          required: ['keys'],
          properties: {
            keys: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kty', 'crv', 'x', 'kid'],
                properties: {
                  kty: { const: 'OKP' },
                  crv: { const: 'Ed25519' },
                  x: { type: 'string' },
                  kid: { type: 'string' },
                  alg: { const: 'EdDSA' },
                  use: { const: 'sig' },
                },
              },
            },
          },
        },
        Decision: json(decision),
        AccessReportRequest: json(reportInput, 'input'),
        AccessReport: json(accessReport),
        GrantChanges: json(grantChanges),
        Grant: json(grant),
        Error: json(error),
      },
    },
  };
}
