import { FolioError } from './errors';
import type { UserRoleName } from './session';

/**
 * The role matrix, declared once: the dispatcher's handlers ask it before calling a service,
 * and the UI asks it to decide which screens and buttons to show. Main re-exports it from
 * main/vault/roles.ts.
 */
export type UserRole = UserRoleName;
export const USER_ROLES: readonly UserRole[] = ['reviewer', 'supervisor', 'admin'];

/** What a role may do. */
export type VaultAction =
  | 'review'
  | 'approve'
  | 'reject'
  | 'export'
  | 'reopen-approved'
  | 'manage-users'
  | 'verify-audit'
  | 'change-settings'
  | 'manage-templates';

/**
 * Separation of duties, taken literally from the issue: reopening an approved document is a
 * supervisor's call (it undoes someone's sign-off), managing users is an admin's. An admin is
 * not implicitly a supervisor: the person who hands out accounts should not also be able to
 * quietly reopen signed-off work. A one-person office gives that person two profiles.
 *
 * Form templates are the admin's alone, like the code-set releases and the OCR engine: a
 * template decides where every later page of that form is read from, for every reviewer, so it
 * is the workstation's configuration rather than review work. Supervisors are left out on
 * purpose: the person who reopens signed-off documents should not also be the one who can
 * change which box a value is taken from, or a wrong value could be both produced and waved
 * through by one profile. Everyone signed in may list the templates (the review view names the
 * form a page was read with).
 */
const ALLOWED: Record<VaultAction, readonly UserRole[]> = {
  review: ['reviewer', 'supervisor', 'admin'],
  approve: ['reviewer', 'supervisor', 'admin'],
  reject: ['reviewer', 'supervisor', 'admin'],
  export: ['reviewer', 'supervisor', 'admin'],
  'reopen-approved': ['supervisor'],
  'manage-users': ['admin'],
  'verify-audit': ['supervisor', 'admin'],
  'change-settings': ['admin'],
  'manage-templates': ['admin'],
};

export function roleMay(role: UserRole, action: VaultAction): boolean {
  return ALLOWED[action].includes(role);
}

const REFUSALS: Record<VaultAction, string> = {
  review: 'Your profile cannot review documents.',
  approve: 'Your profile cannot approve documents.',
  reject: 'Your profile cannot reject documents.',
  export: 'Your profile cannot export documents.',
  'reopen-approved': 'Only a supervisor can reopen an approved or rejected document.',
  'manage-users': 'Only an admin can manage users.',
  'verify-audit': 'Only a supervisor or an admin can verify the audit trail.',
  'change-settings': 'Only an admin can change settings.',
  'manage-templates': 'Only an admin can design, import, export or delete form templates.',
};

/** Throws `forbidden` with a sentence the person can act on. */
export function assertRoleMay(role: UserRole, action: VaultAction): void {
  if (!roleMay(role, action)) throw new FolioError('forbidden', REFUSALS[action]);
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}
