import { z } from 'zod';
import { decisionInput } from './decision';
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
  grant: grant.nullable().describe('The grant that answers, when one is active (also when it gives read and read_write was asked).'),
  checkedAt: z.iso.datetime(),
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
        Decision: json(decision),
        Grant: json(grant),
        Error: json(error),
      },
    },
  };
}
