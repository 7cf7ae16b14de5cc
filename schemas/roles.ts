import { z } from 'zod';
import { companyIdSchema } from './ids';
import { isPermissionKey } from './permissions';

const permissionKey = z.string().refine(isPermissionKey, 'Not a permission of the catalog.');

export const createRoleSchema = z.object({
  name: z.string().trim().min(1, 'Enter a role name.').max(80, 'Use at most 80 characters.'),
  companyId: companyIdSchema,
  permissions: z.array(permissionKey).max(500).default([]),
});
export type CreateRoleInput = z.input<typeof createRoleSchema>;

export const updateRoleSchema = createRoleSchema.omit({ companyId: true }).partial();
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
