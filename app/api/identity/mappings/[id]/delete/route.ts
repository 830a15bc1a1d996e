import { handler } from '@/lib/api/handler';
import { removeMapping } from '@/lib/identity/mappings';

/** The HTML form's way to remove a mapping (forms cannot send DELETE). */
export const POST = handler(
  {
    access: 'signed-in',
    form: { when: 'always', back: ({ actor }: { actor: { kind: string } }) => (actor.kind === 'staff' ? '/admin/users' : '/console/users') },
  },
  async (ctx, { params, back }: { params: { id: string }; back: string }) => {
    await removeMapping(ctx, params.id);
    return { redirect: `${back}?removed=1` };
  },
);
