import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/cookie';
import { beginWithContextSql } from '@/lib/db/settings';

const id = '0b6c2c1e-5a7d-4f0e-9c59-2f1f4b1d8a77';

describe('RLS context statement', () => {
  it('sets all three settings, and the role unless connected as trust_app', () => {
    const text = beginWithContextSql({ tenantId: id, actorId: id, actorKind: 'customer' }, true);
    expect(text).toMatch(/^begin read only; select set_config\('role', 'trust_app', true\)/);
    expect(text).toContain(`set_config('app.tenant_id', '${id}', true)`);
    expect(text).toContain(`set_config('app.actor_kind', 'customer', true)`);
    expect(beginWithContextSql({ tenantId: null, actorId: null, actorKind: 'anonymous' }, false, false)).toBe(
      "begin; select set_config('app.tenant_id', '', true), set_config('app.actor_id', '', true), set_config('app.actor_kind', 'anonymous', true)",
    );
  });

  it('refuses anything that is not a UUID or a known actor kind, so nothing can be injected', () => {
    expect(() => beginWithContextSql({ tenantId: "x'; drop table users; --", actorId: null, actorKind: 'customer' }, false)).toThrow();
    expect(() => beginWithContextSql({ tenantId: null, actorId: `${id}'`, actorKind: 'customer' }, false)).toThrow();
    expect(() => beginWithContextSql({ tenantId: null, actorId: null, actorKind: 'root' as never }, false)).toThrow();
  });
});

describe('sign-in redirect target', () => {
  it('keeps same-site paths and drops everything else', () => {
    expect(safeNextPath('/console')).toBe('/console');
    expect(safeNextPath('/admin?tab=1')).toBe('/admin?tab=1');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', '/a b', 42, undefined]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });
});
