import { handler } from '@/lib/api/handler';
import { addMapping, listMappings, mappingInput, scopeOf } from '@/lib/identity/mappings';

const usersPage = ({ actor }: { actor: { kind: string } }) => (actor.kind === 'staff' ? '/admin/users' : '/console/users');

export const GET = handler({ access: 'signed-in' }, async (ctx) => ({ json: { mappings: await listMappings(ctx) } }));

/** Maps a directory group to a role in the caller's organization. */
export const POST = handler({ access: 'signed-in', body: 'json-or-form', form: { back: usersPage } }, async (ctx, { data, back }) => {
  // Who may first: a refused caller is told so (and recorded), whatever the body holds.
  scopeOf(ctx.actor);
  const created = await addMapping(ctx, mappingInput.parse(data));
  return { json: { mapping: created }, status: 201, redirect: `${back}?saved=1` };
});
