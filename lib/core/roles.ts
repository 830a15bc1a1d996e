/** Vendor staff roles and customer roles: the values of users.role and group_role_mappings.role. */
export const STAFF_ROLES = ['trust_admin', 'support', 'break_glass'] as const;
export const CUSTOMER_ROLES = ['customer_admin', 'customer_member'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];
export type Role = StaffRole | CustomerRole;

export const ROLE_LABELS: Record<Role, string> = {
  trust_admin: 'Trust admin',
  support: 'Support engineer',
  break_glass: 'Break-glass holder',
  customer_admin: 'Customer admin',
  customer_member: 'Customer member',
};
