import { NextResponse } from 'next/server';
import { requireApiTrustAdmin } from '@/lib/auth/request';
import { systemClock } from '@/lib/core/clock';
import { getDatabase } from '@/lib/db';
import { redirectTo } from '@/lib/http/form-redirect';
import { readBody, route } from '@/lib/http/route';
import { changeFromForm, changeInput } from '@/lib/subprocessors/fields';
import { refusedFormLocation } from '@/lib/subprocessors/form-state';
import { scheduleChange } from '@/lib/subprocessors/schedule';

/** Schedules an addition, update or removal as a draft (announced later, together with the other drafts). */
export const POST = route(async (request) => {
  const actor = await requireApiTrustAdmin(request);
  const { form, data } = await readBody(request);
  const fields = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  try {
    const change = await scheduleChange(await getDatabase(), systemClock, actor, changeInput.parse(form ? changeFromForm(fields) : fields));
    return form ? redirectTo(`/admin/subprocessors?scheduled=${encodeURIComponent(change.name)}`) : NextResponse.json({ change }, { status: 201 });
  } catch (error) {
    const back = form ? refusedFormLocation(fields, error) : null;
    if (back) return redirectTo(back);
    throw error;
  }
});
