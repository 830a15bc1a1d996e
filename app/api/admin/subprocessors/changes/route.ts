import { handler } from '@/lib/api/handler';
import { redirectTo } from '@/lib/http/form-redirect';
import { changeFromForm, changeInput } from '@/lib/subprocessors/fields';
import { refusedFormLocation } from '@/lib/subprocessors/form-state';
import { scheduleChange } from '@/lib/subprocessors/schedule';

const fieldsOf = (data: unknown) => (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;

/** A refused form goes back with what was typed, so that nothing is lost. */
function backWithFields(error: unknown, { data }: { data: unknown }): Response {
  const back = refusedFormLocation(fieldsOf(data), error);
  if (!back) throw error;
  return redirectTo(back);
}

/** Schedules an addition, update or removal as a draft (announced later, together with the other drafts). */
export const POST = handler(
  { access: 'trust-admin', body: 'json-or-form', form: { back: '/admin/subprocessors', error: backWithFields } },
  async (ctx, { data, form }) => {
    const change = await scheduleChange(ctx, changeInput.parse(form ? changeFromForm(fieldsOf(data)) : fieldsOf(data)));
    return { json: { change }, status: 201, redirect: `/admin/subprocessors?scheduled=${encodeURIComponent(change.name)}` };
  },
);
