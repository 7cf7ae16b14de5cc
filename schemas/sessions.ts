import { z } from 'zod';

/** A live session as admins and its owner see it. */
export const sessionViewSchema = z.object({
  /** `<userId>.<sessionId>`: routes to the user's hub; usable in `DELETE /sessions/:id`. */
  id: z.string(),
  client: z.enum(['web', 'app']),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;
export const sessionsListSchema = z.object({ sessions: z.array(sessionViewSchema) });
export const sessionsEndedSchema = z.object({ ended: z.number().int() });

export const sessionIdSchema = z
  .string()
  .regex(/^us_[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{16}$/, 'Not a session id.');
