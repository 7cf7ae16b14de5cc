import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ClientKind } from '../../schemas/auth';
import type { ChainLink } from '../authority/account.repo';
import type { AppEnv } from '../env';
import { type ParsedToken, parseToken, SESSION_COOKIE } from '../features/auth/session-token';
import { ApiError } from '../lib/errors';
import { isSameOrigin } from './origin';

/** The live session of a request, once `authorize` has checked it. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  client: ClientKind;
  expiresAt: number | null;
  /** An APP session past its idle limit (or locked on purpose), until it is unlocked. */
  locked: boolean;
  /** The user and its ancestors, nearest first, as checked for this request. */
  chain: ChainLink[];
  /** How the token came: a cookie (WEB) needs CSRF protection, a bearer header (APP) does not. */
  via: 'cookie' | 'bearer';
}

/** What a request claims before anything is checked against the hub and the database. */
export interface Credentials {
  token: ParsedToken;
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
 * The request's credentials, or a 401/403 before any I/O: no token, a malformed one, or a
 * cookie-borne write from another origin.
 */
export function readCredentials(c: Context<AppEnv>): Credentials {
  const found = readToken(c);
  if (!found) throw new ApiError('UNAUTHENTICATED');
  const token = parseToken(found.token);
  if (!token) throw new ApiError('SESSION_ENDED');
  if (found.via === 'cookie' && !SAFE_METHODS.has(c.req.method) && !isSameOrigin(c)) {
    throw new ApiError('CSRF_REJECTED');
  }
  return { token, via: found.via };
}
