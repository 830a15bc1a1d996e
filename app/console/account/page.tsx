import type { Metadata } from 'next';
import { AccountPage } from '@/components/account/account-page';
import { requireCustomer } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Your account' };

export default async function ConsoleAccount({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const actor = await requireCustomer('/console/account');
  const { error } = await searchParams;
  return <AccountPage actor={actor} error={typeof error === 'string' ? error : undefined} />;
}
