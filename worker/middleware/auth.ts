import type { Context } from 'hono';
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

/** The raw token of the request: `Authorization: Bearer` wins over the session cookie. */
export function readToken(
  c: Parameters<typeof getCookie>[0],
): { token: string; via: 'cookie' | 'bearer' } | null {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Resolves the request's session into `c.var.auth`, or throws. Cookie-borne writes must be
 * same-origin. An account that must still replace its initial password reaches only the
 * routes that allow it (`allowBeforePasswordChange`).
 */
export async function authenticateRequest(
  c: Context<AppEnv>,
  allowBeforePasswordChange: boolean,
): Promise<void> {
  const found = readToken(c);
  if (!found) throw new ApiError('UNAUTHENTICATED');
  const parsed = parseToken(found.token);
  if (!parsed) throw new ApiError('SESSION_ENDED');
  if (found.via === 'cookie' && !SAFE_METHODS.has(c.req.method) && !isSameOrigin(c)) {
    throw new ApiError('CSRF_REJECTED');
  }
  const session = await authenticate(c.env, c.var.db, parsed);
  if (session.chain[0]?.mustChangePassword && !allowBeforePasswordChange) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED');
  }
  c.set('auth', { ...session, via: found.via });
}

/** Requires a live session (for the WebSocket upgrade, which routes by ticket or cookie). */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  await authenticateRequest(c, true);
  await next();
});
