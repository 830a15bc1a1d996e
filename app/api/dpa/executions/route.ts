import { handler } from '@/lib/api/handler';
import { executeDpa, listTenantExecutions } from '@/lib/dpa/executions';

/** The caller's tenant's DPA executions, newest first (customer users). */
export const GET = handler({ access: 'signed-in' }, async (ctx) => ({ json: { executions: await listTenantExecutions(ctx) } }));

/** A customer admin executes the DPA version in force: `{"signerName","signerTitle","authority":true}`. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: '/console/dpa' } }, async (ctx, { data }) => ({
  json: { execution: await executeDpa(ctx, data) },
  status: 201,
  redirect: '/console/dpa?executed=1',
}));
