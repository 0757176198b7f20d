import { describe, expect, it } from 'vitest';
import { FolioError } from '../../../../app/contract/errors';
import { assertRoleMay, roleMay } from '../../../../main/vault/roles';

describe('role checks', () => {
  it('only a supervisor reopens an approved document', () => {
    expect(roleMay('supervisor', 'reopen-approved')).toBe(true);
    expect(roleMay('reviewer', 'reopen-approved')).toBe(false);
    expect(roleMay('admin', 'reopen-approved')).toBe(false);
  });

  it('only an admin manages users', () => {
    expect(roleMay('admin', 'manage-users')).toBe(true);
    expect(roleMay('supervisor', 'manage-users')).toBe(false);
    expect(roleMay('reviewer', 'manage-users')).toBe(false);
  });

  it('only an admin designs, imports, exports or deletes form templates: supervisors reopen sign-offs and must not also decide where values are read', () => {
    expect(roleMay('admin', 'manage-templates')).toBe(true);
    expect(roleMay('supervisor', 'manage-templates')).toBe(false);
    expect(roleMay('reviewer', 'manage-templates')).toBe(false);
    expect(() => assertRoleMay('supervisor', 'manage-templates')).toThrow(/Only an admin/);
  });

  it('every role reviews and approves', () => {
    for (const role of ['reviewer', 'supervisor', 'admin'] as const) {
      expect(roleMay(role, 'review')).toBe(true);
      expect(roleMay(role, 'approve')).toBe(true);
    }
  });

  it('refuses with a typed forbidden error that says who may', () => {
    expect(() => assertRoleMay('supervisor', 'reopen-approved')).not.toThrow();
    try {
      assertRoleMay('reviewer', 'reopen-approved');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FolioError);
      expect((error as FolioError).code).toBe('forbidden');
      expect((error as FolioError).message).toMatch(/only a supervisor/i);
    }
  });
});
