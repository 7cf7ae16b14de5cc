import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'company.create',
  'company.update',
  'company.delete',
  'user.create',
  'user.update',
  'user.delete',
  'user.expiry',
  'user.token_config',
  'user.mfa',
  'user.face',
  'session.revoke',
  'role.create',
  'role.update',
  'role.delete',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.unlock_failed',
  'auth.sign_out',
  'user.password',
  'session.evicted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The factor a sign-in event was about. */
export const SIGN_IN_FACTORS = ['password', 'email', 'face'] as const;
export type SignInFactor = (typeof SIGN_IN_FACTORS)[number];

/**
 * Why a sign-in failed, as the audit log records it (never the secret that was tried): a wrong
 * password, a password right for an account that may not sign in (disabled, expired, or under
 * such a parent), a wrong emailed code, a face that did not match.
 */
export const SIGN_IN_FAILURES = [
  'wrong_password',
  'account_refused',
  'wrong_code',
  'face_refused',
] as const;
export type SignInFailure = (typeof SIGN_IN_FAILURES)[number];

export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().trim().max(64).optional(),
  targetId: z.string().trim().max(64).optional(),
  q: z.string().trim().max(64).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorUsername: z.string(),
  /** The actor's display name now; null once the account is gone. */
  actorName: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.enum(['company', 'user', 'role']),
  targetId: z.string(),
  /** The user's username, the company's or role's name: now, or as recorded when deleted. */
  targetName: z.string().nullable(),
  /** An English sentence (searchable); screens word the entry from `action` and the names. */
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
