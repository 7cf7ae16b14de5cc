import { z } from 'zod';
import { companyIdSchema } from './ids';
import { isPermissionKey } from './permissions';
import { nameSchema } from './text';

const permissionKey = z.string().refine(isPermissionKey, 'Not a permission of the catalog.');

const roleName = nameSchema(80, 'Enter a role name.');
const rolePermissionsField = z.array(permissionKey).max(500);

export const createRoleSchema = z.strictObject({
  name: roleName,
  companyId: companyIdSchema,
  permissions: rolePermissionsField.default([]),
});
export type CreateRoleInput = z.input<typeof createRoleSchema>;

/** Rename and/or replace the permissions; a field left out stays as it was. */
export const updateRoleSchema = z
  .strictObject({ name: roleName, permissions: rolePermissionsField })
  .partial();
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const deleteRoleQuerySchema = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
  force: z.enum(['0', '1', 'true', 'false']).optional(),
});

export interface Role {
  id: string;
  name: string;
  companyId: string;
  companyName: string;
  permissions: string[];
  userCount: number;
  /** False for roles owned above the caller's scope: usable, not editable. */
  editable: boolean;
}
