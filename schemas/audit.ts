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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.enum(['company', 'user', 'role']),
  targetId: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
