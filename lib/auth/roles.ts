import type { Role } from '@/drizzle/schema';

export const ROLE_LABELS: Record<Role, string> = {
  trust_admin: 'Trust admin',
  support: 'Support engineer',
  break_glass: 'Break-glass holder',
  customer_admin: 'Customer admin',
  customer_member: 'Customer member',
};
