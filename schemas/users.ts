import { z } from 'zod';
import { EXPIRY_RANGE } from './expiry-range';
import { faceEnrolmentSchema } from './face';
import { companyIdSchema, roleIdSchema, userIdSchema } from './ids';
import { APP_LOCK_LIMITS, mfaConfigSchema } from './mfa-config';
import { passwordNotPersonal, passwordSchema } from './password-schema';
import { isPermissionKey } from './permissions';
import { nameSchema } from './text';

const permissionKey = z.string().refine(isPermissionKey, 'Not a permission of the catalog.');
const isoDate = z.iso
  .datetime({ offset: true, message: 'Use an ISO-8601 date and time.' })
  .refine((v) => {
    const at = Date.parse(v);
    return at >= EXPIRY_RANGE.min && at <= EXPIRY_RANGE.max;
  }, 'Choose a date between 1970 and 9999.');

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(64, 'Use at most 64 characters.')
  .regex(/^[A-Za-z0-9._@-]+$/, 'Use letters, digits and . _ @ - only.');

export { EXPIRY_RANGE, passwordSchema };

const profileFields = {
  displayName: nameSchema(120, 'Enter a display name.'),
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
  roleIds: z.array(roleIdSchema).max(50),
  permissions: z.array(permissionKey).max(500),
};

export const createUserSchema = z
  .strictObject({
    username: usernameSchema,
    password: passwordSchema,
    parentUserId: userIdSchema.nullish(),
    ...profileFields,
    roleIds: profileFields.roleIds.default([]),
    permissions: profileFields.permissions.default([]),
  })
  .superRefine(passwordNotPersonal);
export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * A partial update: every field optional and none defaulted, so a field left out stays as it
 * was (a default here would silently replace the stored value).
 */
export const updateUserSchema = z
  .strictObject({
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

export const tokenConfigSchema = z.strictObject({
  longTerm: z.boolean(),
  ttlMinutes: z
    .number()
    .int('Use whole minutes.')
    .min(TOKEN_TTL_LIMITS.min, `Use at least ${TOKEN_TTL_LIMITS.min} minutes.`)
    .max(TOKEN_TTL_LIMITS.max, 'Use at most one year.'),
  exclusiveLogin: z.boolean(),
  /** Minutes an APP session may sit idle or hidden before it locks; kept when left out. */
  appLockMinutes: z
    .number()
    .int('Use whole minutes.')
    .min(APP_LOCK_LIMITS.min, `Use at least ${APP_LOCK_LIMITS.min} minute.`)
    .max(APP_LOCK_LIMITS.max, 'Use at most one day.')
    .optional(),
});
export type TokenConfigInput = z.infer<typeof tokenConfigSchema>;
/** The token rules as stored and read back: every field present. */
export const tokenConfigRecordSchema = tokenConfigSchema.required();
export type TokenConfig = z.infer<typeof tokenConfigRecordSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const expiryUpdateSchema = z.strictObject({
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

const isoString = z.string().describe('ISO-8601 date and time');

/** A user as the API reads it back. */
export const userRecordSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  companyId: z.string(),
  relatedCompanyId: z.string(),
  parentUserId: z.string().nullable(),
  expiresAt: isoString.nullable(),
  status: z.enum(['active', 'disabled']),
  tokenConfig: tokenConfigRecordSchema,
  mfa: mfaConfigSchema,
  face: faceEnrolmentSchema,
  roleIds: z.array(z.string()),
  permissions: z.array(z.string()),
  effectivePermissions: z.array(z.string()),
  subUserCount: z.number().int(),
  createdAt: isoString,
  updatedAt: isoString,
});
export type UserRecord = z.infer<typeof userRecordSchema>;

/** A row of a company's user list. */
export const userListItemSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  parentUserId: z.string().nullable(),
  expiresAt: isoString.nullable(),
  status: z.enum(['active', 'disabled']),
  subUserCount: z.number().int(),
});
export type UserListItem = z.infer<typeof userListItemSchema>;

export const usersPageSchema = z.object({
  users: z.array(userListItemSchema),
  nextCursor: z.string().nullable(),
});
export const subUsersSchema = z.object({ users: z.array(userListItemSchema) });

/** Why a user holds, or lacks, one permission. */
export const permissionExplanationSchema = z.object({
  permission: z.string(),
  held: z.boolean(),
  direct: z.boolean(),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  /**
   * The nearest ancestor user that lacks it, when that is what removes it; its id and username
   * are null when it lies outside the reader's scope (reads follow the scope).
   */
  removedBy: z.object({ id: z.string().nullable(), username: z.string().nullable() }).nullable(),
});
export type PermissionExplanation = z.infer<typeof permissionExplanationSchema>;

/** `DELETE /users/:id`: how many accounts went (the user and its sub-users at every depth). */
export const userDeleteResultSchema = z.object({ deleted: z.number().int() });
/** `PUT /users/:id/expiry`: accounts changed, and accounts of the company left as they were. */
export const expiryResultSchema = z.object({
  updated: z.number().int(),
  skipped: z.number().int(),
});
export const tokenConfigResultSchema = z.object({
  tokenConfig: tokenConfigRecordSchema,
  endedSessions: z.number().int(),
});
