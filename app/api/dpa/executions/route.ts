import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { executeDpa, listTenantExecutions } from '@/lib/dpa/executions';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';

/** The caller's tenant's DPA executions, newest first (customer users). */
export const GET = route(async (request) => {
  const executions = await listTenantExecutions(await getDatabase(), await requireApiActor(request));
  return NextResponse.json({ executions });
});

/** A customer admin executes the DPA version in force: `{"signerName","signerTitle","authority":true}`. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const { form, data } = await readBody(request);
  try {
    const execution = await executeDpa(await getDatabase(), systemClock, actor, data);
    return form ? redirectTo('/console/dpa?executed=1') : NextResponse.json({ execution }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError('/console/dpa', error);
    throw error;
  }
});
