import { NextResponse } from 'next/server';
import { requireApiActor } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo, redirectWithError } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { addMapping, listMappings, mappingInput, type MappingEditor, scopeOf } from '@/lib/identity/mappings';

const pageOf = (actor: MappingEditor) => (actor.kind === 'staff' ? '/admin/users' : '/console/users');

export const GET = route(async (request) => {
  const mappings = await listMappings(await getDatabase(), await requireApiActor(request));
  return NextResponse.json({ mappings });
});

/** Maps a directory group to a role in the caller's organization. */
export const POST = route(async (request) => {
  const actor = await requireApiActor(request);
  const { form, data } = await readBody(request);
  try {
    // Who may first: a refused caller is told so (and recorded), whatever the body holds.
    scopeOf(actor);
    const created = await addMapping(await getDatabase(), systemClock, actor, mappingInput.parse(data));
    return form ? redirectTo(`${pageOf(actor)}?saved=1`) : NextResponse.json({ mapping: created }, { status: 201 });
  } catch (error) {
    if (form) return redirectWithError(pageOf(actor), error);
    throw error;
  }
});
