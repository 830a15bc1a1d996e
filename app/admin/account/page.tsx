import type { Metadata } from 'next';
import { AccountPage } from '@/components/account/account-page';
import { requireStaff } from '@/lib/auth/request';

export const metadata: Metadata = { title: 'Your account' };

export default async function AdminAccount() {
  return <AccountPage actor={await requireStaff('/admin/account')} />;
}
