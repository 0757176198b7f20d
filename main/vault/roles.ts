/**
 * The role matrix lives in app/contract/roles.ts, where the UI reads it too; main's code keeps
 * importing it from here, beside the users it applies to.
 */
export { USER_ROLES, assertRoleMay, isUserRole, roleMay, type UserRole, type VaultAction } from '../../app/contract/roles';
