import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { type AuthenticatedSession, authenticate } from '../features/auth/auth.service';
import { parseToken, SESSION_COOKIE } from '../features/auth/session-token';
import { ApiError } from '../lib/errors';
import { isSameOrigin } from './origin';

export interface AuthContext extends AuthenticatedSession {
  /** How the token came: a cookie (WEB) needs CSRF protection, a bearer header (APP) does not. */
  via: 'cookie' | 'bearer';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a user who must first choose a new password may still reach. */
const BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/auth/logout',
  'GET /api/v1/live',
  'POST /api/v1/live/ticket',
]);

/** The raw token of the request: `Authorization: Bearer` wins over the session cookie. */
export function readToken(
  c: Parameters<typeof getCookie>[0],
): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Requires a live session; sets `c.var.auth`. Cookie-borne writes must be same-origin. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const found = readToken(c);
  if (!found) throw new ApiError('UNAUTHENTICATED');
  const parsed = parseToken(found.token);
  if (!parsed) throw new ApiError('SESSION_ENDED');
  if (found.via === 'cookie' && !SAFE_METHODS.has(c.req.method) && !isSameOrigin(c)) {
    throw new ApiError('CSRF_REJECTED');
  }
  const session = await authenticate(c.env, c.var.db, parsed);
  if (
    session.chain[0]?.mustChangePassword &&
    !BEFORE_PASSWORD_CHANGE.has(`${c.req.method} ${c.req.path}`)
  ) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED');
  }
  c.set('auth', { ...session, via: found.via });
  await next();
});
