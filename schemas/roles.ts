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

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  permissions: z.array(z.string()),
  /** Holders inside the caller's scope. */
  userCount: z.number().int(),
  /** False for roles owned above the caller's scope: usable, not editable. */
  editable: z.boolean(),
});
export type Role = z.infer<typeof roleSchema>;
export const rolesListSchema = z.object({ roles: z.array(roleSchema) });
export const roleDeleteResultSchema = z.object({
  deleted: z.number().int(),
  users: z.number().int(),
});
