import { describe, expect, it } from 'vitest';
import { appRoleFindings, type RolesFacts } from '@/lib/security-audit/role-checks';

const role = (name: string) => ({ name, superuser: false, bypassRls: false, createRole: false, ownedRelations: 0 });
const facts = (appEscalations: RolesFacts['appEscalations']): RolesFacts => ({
  connecting: { ...role('trust_app'), canBecomeOwner: false },
  app: role('trust_app'),
  owner: role('trust_owner'),
  appEscalations,
});

describe('trust security audit on the signer role', () => {
  it('reports trust_app able to become trust_signer as high: it could vouch for any chain head', () => {
    const findings = appRoleFindings(facts([{ name: 'trust_signer', why: 'the only role that records checkpoints' }]));
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'db/app-role-membership',
        severity: 'high',
        subject: 'trust_signer',
        found: expect.stringContaining('vouch for any chain head'),
      }),
    ]);
  });

  it('finds nothing when trust_app is a member of no such role', () => {
    expect(appRoleFindings(facts([]))).toEqual([]);
  });
});
