/** What a service account may do through the machine API. The database holds the same list. */
export const SERVICE_SCOPES = {
  'lockbox:check': 'Ask whether a staff member may reach a tenant’s data now.',
  'grants:read': 'Follow the feed of grant changes (approved, revoked, expired, break-glass).',
  'access:report': 'Report the accesses the product made under a grant.',
} as const;

export type ServiceScope = keyof typeof SERVICE_SCOPES;

export const SCOPE_NAMES = Object.keys(SERVICE_SCOPES) as ServiceScope[];
