import { SubmitButton } from '@/components/ui/button';
import { Table } from '@/components/ui/table';
import { type PageSearchParams, singleParam } from '@/lib/core/search-params';
import { ROLE_LABELS, type Role } from '@/lib/core/roles';
import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { mappingInput } from '@/lib/identity/mappings';
import { Section } from '@/components/ui/section';

interface Props {
  organization: string;
  people: { id: string; name: string; email: string; role: Role; status: string; directoryUserId: string | null }[];
  mappings: { id: string; groupName: string; role: Role }[];
  roles: readonly Role[];
  notice: { saved?: boolean; removed?: boolean; settings?: boolean; error?: string };
  /** Customer consoles only: whether SSO may create people the directory has not provisioned. */
  jitProvisioning?: boolean;
}

const FIELDS = describedFields(mappingInput);
// The mapping routes parse the form whole: a bad field comes back as `invalid_request`, in
// practice the group's name (the role is chosen from a list, and checked as `invalid_role`).
const ERRORS: Record<string, string> = fieldErrors(FIELDS, {
  invalid_request: FIELDS.groupName,
  mapping_exists: 'That group already has a role. Remove its mapping first to change it.',
  last_customer_admin:
    'That change would leave your organization without a customer admin, and nobody could answer lockbox requests. Map another group to customer admin first.',
  not_found: 'That mapping no longer exists.',
  forbidden: 'Only administrators can change mappings.',
});

/** People of an organization and how its directory groups map to roles: /console/users and /admin/users. */
export function UsersAndRoles({ organization, people, mappings, roles, notice, jitProvisioning }: Props) {
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Users and roles</h1>
      <p className="mt-1 text-slate-700">
        People of {organization} come from your directory (SCIM through WorkOS). Membership of a mapped group decides the role; a change signs the person out so
        that the new role applies at once.
      </p>
      {notice.saved || notice.removed || notice.settings ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 px-4 py-3 text-emerald-900">
          {notice.settings ? 'Sign-in setting saved.' : notice.saved ? 'Mapping saved. Roles were updated.' : 'Mapping removed. Roles were updated.'}
        </p>
      ) : null}
      {notice.error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 px-4 py-3 text-red-900">
          {(Object.hasOwn(ERRORS, notice.error) ? ERRORS[notice.error] : undefined) ?? 'The change could not be saved.'}
        </p>
      ) : null}

      <Section id="mappings" title="Group to role mappings" className="mt-8">
        {mappings.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No mappings yet: directory groups give no role until you map them.
          </p>
        ) : (
          <Table columns={[{ label: 'Directory group' }, { label: 'Role' }, { label: 'Actions', srOnly: true }]} className="mt-3">
            {mappings.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-2 font-medium">{m.groupName}</td>
                <td className="px-4 py-2">{ROLE_LABELS[m.role]}</td>
                <td className="px-4 py-2 text-right">
                  <form method="post" action={`/api/identity/mappings/${m.id}/delete`}>
                    <button type="submit" aria-label={`Remove the mapping of ${m.groupName}`} className="text-sm font-medium text-red-700 hover:underline">
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </Table>
        )}
        <form method="post" action="/api/identity/mappings" className="mt-4 flex flex-wrap items-end gap-3">
          <label className="flex flex-col text-sm font-medium">
            Directory group
            <input name="groupName" required maxLength={200} className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-2 font-normal" />
          </label>
          <label className="flex flex-col text-sm font-medium">
            Role
            <select name="role" className="mt-1 rounded-md border border-slate-300 px-3 py-2 font-normal">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <SubmitButton>Add mapping</SubmitButton>
        </form>
      </Section>

      {jitProvisioning === undefined ? null : (
        <Section id="jit" title="Sign-in before provisioning" className="mt-10">
          <form method="post" action="/api/identity/settings" className="mt-3 flex flex-wrap items-center gap-4">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="allowJitProvisioning" defaultChecked={jitProvisioning} className="h-4 w-4" />
              Let people your identity provider vouches for sign in before your directory provisions them (as customer members)
            </label>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
              Save sign-in setting
            </button>
          </form>
        </Section>
      )}

      <Section id="people" title="People" className="mt-10">
        {people.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            Nobody yet: people appear here when your directory provisions them.
          </p>
        ) : (
          <Table columns={[{ label: 'Name' }, { label: 'E-mail' }, { label: 'Role' }, { label: 'Status' }]} className="mt-3">
            {people.map((p) => (
              <tr key={p.id}>
                <td className="px-4 py-2 font-medium">{p.name}</td>
                <td className="px-4 py-2 text-slate-700">{p.email}</td>
                <td className="px-4 py-2">{ROLE_LABELS[p.role]}</td>
                <td className="px-4 py-2">{p.status === 'active' ? 'Active' : 'Suspended'}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
    </div>
  );
}

export type UsersSearch = PageSearchParams;

export async function noticeFrom(searchParams: UsersSearch) {
  const p = await searchParams;
  return {
    saved: p.saved === '1',
    removed: p.removed === '1',
    settings: p.settings === '1',
    error: singleParam(p.error),
  };
}
