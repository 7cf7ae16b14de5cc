/**
 * A session token is `<userId>.<sessionId>.<secret>`: the user id routes the check to the
 * user's Durable Object, the session id finds the row, and only a hash of the 256-bit secret
 * is stored there (compared in constant time).
 */
export interface ParsedToken {
  userId: string;
  sessionId: string;
  secret: string;
}

export const SESSION_COOKIE = '__Host-gh_session';

const TOKEN_PATTERN = /^(us_[A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

export function formatToken(userId: string, sessionId: string, secret: string): string {
  return `${userId}.${sessionId}.${secret}`;
}

export function parseToken(token: string): ParsedToken | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, userId, sessionId, secret] = match;
  if (!userId || !sessionId || !secret) return null;
  return { userId, sessionId, secret };
}
