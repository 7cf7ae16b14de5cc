import { z } from 'zod';

/** A live session as admins and its owner see it. */
export interface SessionView {
  /** `<userId>.<sessionId>`: routes to the user's hub; usable in `DELETE /sessions/:id`. */
  id: string;
  client: 'web' | 'app';
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string | null;
  /** The session this request came with. */
  current: boolean;
}

export const sessionIdSchema = z
  .string()
  .regex(/^us_[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{16}$/, 'Not a session id.');
