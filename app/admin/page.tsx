import type { Metadata } from 'next';
import { requireStaff } from '@/lib/auth/request';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { PortalDashboard } from '@/components/portal-dashboard';
import { systemClock } from '@/lib/clock';
import { portalActivity } from '@/lib/dashboard/portal-activity';
import { getDatabase } from '@/lib/db';
import { listTenants } from '@/lib/tenants/list-tenants';

export const metadata: Metadata = { title: 'Staff admin' };

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

export default async function AdminHome() {
  const actor = await requireStaff('/admin');
  const db = await getDatabase();
  const [tenants, activity] = await Promise.all([
    listTenants(db, actor),
    actor.role === 'trust_admin' ? portalActivity(db, actor, systemClock) : null,
  ]);
  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Welcome, {actor.name.split(' ')[0]}</h1>
      <p className="mt-1 text-slate-700">You are signed in as {ROLE_LABELS[actor.role].toLowerCase()}.</p>
      {activity && <PortalDashboard activity={activity} />}
      <section aria-labelledby="tenants" className="mt-8">
        <h2 id="tenants" className="text-lg font-semibold">
          Tenants
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Customers of this trust center. Their confidential records stay hidden from staff unless the customer approves access.
        </p>
        {tenants.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No tenants yet. Tenants appear here when a customer organization is connected.
          </p>
        ) : (
          <table className="mt-4 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm">
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Legal name</th>
                <th scope="col" className="px-4 py-2 font-medium">Slug</th>
                <th scope="col" className="px-4 py-2 font-medium">Since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {tenants.map((t) => (
                <tr key={t.slug}>
                  <td className="px-4 py-2 font-medium">{t.legalName}</td>
                  <td className="px-4 py-2 font-mono text-slate-700">{t.slug}</td>
                  <td className="px-4 py-2 text-slate-700">{dateFormat.format(t.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
