import { hc } from 'hono/client';
import { type ErrorCode, isErrorEnvelope } from '../../../schemas/errors';
import type { AppType } from '../../../worker/app';
import { reportReachable } from './app-online';
import { readToken } from './app-token';

/** What the APP's session must hear about from any API answer. */
export interface SessionSignals {
  /** 423 SESSION_LOCKED: the server says this session is locked. */
  onLocked(): void;
  /** 401 SESSION_ENDED / UNAUTHENTICATED for the token we sent: the session is gone. */
  onEnded(code: ErrorCode): void;
}

let signals: SessionSignals | undefined;
let lastAnswerAt = 0;

/** Called once by the APP's session store. */
export function setSessionSignals(next: SessionSignals): void {
  signals = next;
}

/** When the server last answered one of our authenticated requests (ms since the epoch). */
export function lastAnsweredAt(): number {
  return lastAnswerAt;
}

/**
 * Every APP request: the bearer token in `Authorization`, and `credentials: 'omit'` so the WEB
 * console's cookie never rides along (nor can a response's Set-Cookie touch it).
 */
const appFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  const token = readToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(input, { ...init, headers, credentials: 'omit' });
  } catch (error) {
    reportReachable(false);
    throw error;
  }
  reportReachable(true);
  if (!token) return res;
  if (res.status === 423) signals?.onLocked();
  else if (res.status === 401) {
    const body: unknown = await res
      .clone()
      .json()
      .catch(() => null);
    const code = isErrorEnvelope(body) ? body.error.code : 'UNAUTHENTICATED';
    if (code === 'SESSION_ENDED' || code === 'UNAUTHENTICATED') signals?.onEnded(code);
  } else if (res.ok) lastAnswerAt = Date.now();
  return res;
};

/** The typed API client of the APP (the console's `api` in lib/api.ts uses the cookie). */
export const appApi = hc<AppType>('/', { fetch: appFetch }).api.v1;
