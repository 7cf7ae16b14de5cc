import { z } from 'zod';
import { companyIdSchema, roleIdSchema, userIdSchema } from './ids';
import { passwordNotPersonal, passwordSchema } from './password-schema';
import { isPermissionKey } from './permissions';

const permissionKey = z.string().refine(isPermissionKey, 'Not a permission of the catalog.');
const isoDate = z.iso.datetime({ offset: true, message: 'Use an ISO-8601 date and time.' });

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(64, 'Use at most 64 characters.')
  .regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits and . _ @ - only.');

export { passwordSchema };

const profileFields = {
  displayName: z.string().trim().min(1, 'Enter a display name.').max(120),
  email: z.union([z.email('Enter a valid email address.'), z.literal('')]).nullish(),
  phone: z
    .union([
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,24}$/, 'Enter a valid phone number.'),
      z.literal(''),
    ])
    .nullish(),
  companyId: companyIdSchema,
  relatedCompanyId: companyIdSchema,
  expiresAt: isoDate.nullable(),
  roleIds: z.array(roleIdSchema).max(50).default([]),
  permissions: z.array(permissionKey).max(500).default([]),
};

export const createUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    parentUserId: userIdSchema.nullish(),
    ...profileFields,
  })
  .superRefine(passwordNotPersonal);
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    username: usernameSchema,
    password: passwordSchema,
    status: z.enum(['active', 'disabled']),
    ...profileFields,
  })
  .partial()
  // Only the names in the body are known here; the service checks again with the stored ones.
  .superRefine(passwordNotPersonal);

/** Token lifetimes: 5 minutes to 1 year when not long-term. */
export const TOKEN_TTL_LIMITS = { min: 5, max: 365 * 24 * 60 } as const;

export const tokenConfigSchema = z.object({
  longTerm: z.boolean(),
  ttlMinutes: z
    .number()
    .int('Use whole minutes.')
    .min(TOKEN_TTL_LIMITS.min, `Use at least ${TOKEN_TTL_LIMITS.min} minutes.`)
    .max(TOKEN_TTL_LIMITS.max, 'Use at most one year.'),
  exclusiveLogin: z.boolean(),
});
export type TokenConfig = z.infer<typeof tokenConfigSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const expiryUpdateSchema = z.object({
  expiresAt: isoDate.nullable(),
  applyToCompany: z.boolean().default(false),
  includeSubsidiaries: z.boolean().default(false),
});
export type ExpiryUpdateInput = z.input<typeof expiryUpdateSchema>;

export const dryRunQuerySchema = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});

export const userListQuerySchema = z.object({
  q: z.string().trim().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const explainQuerySchema = z.object({ permission: permissionKey });

/** A user as the API reads it back. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  companyId: string;
  relatedCompanyId: string;
  parentUserId: string | null;
  expiresAt: string | null;
  status: 'active' | 'disabled';
  tokenConfig: TokenConfig;
  roleIds: string[];
  permissions: string[];
  effectivePermissions: string[];
  subUserCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A row of a company's user list. */
export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  parentUserId: string | null;
  expiresAt: string | null;
  status: 'active' | 'disabled';
  subUserCount: number;
}

/** Why a user holds, or lacks, one permission. */
export interface PermissionExplanation {
  permission: string;
  held: boolean;
  direct: boolean;
  roles: { id: string; name: string }[];
  /** The nearest ancestor user that lacks it, when that is what removes it. */
  removedBy: { id: string; username: string } | null;
}
