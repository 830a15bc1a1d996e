import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/request';

/** "My account": the console for whoever is signed in. */
export default async function AccountPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  redirect(session.actor.kind === 'staff' ? '/admin' : '/console');
}
