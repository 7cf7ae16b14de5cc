import type { AppFactor } from '../../../schemas/mfa-config';

/**
 * The APP's bearer token lives in localStorage, apart from the WEB console's HttpOnly cookie:
 * an installed PWA must survive restarts, and a bearer header cannot ride along on a request
 * another site makes. The price: script running in the page (an XSS) could read it. The CSP
 * (`script-src 'self'`) and SolidJS's escaping are the defence; the server can end it any time.
 */
const TOKEN_KEY = 'gatehouse.app.token';
/**
 * What the lock screen needs while the server answers 423 to everything (even `/me`): whose
 * APP it is and how it unlocks. Not a secret: the same device showed it a moment ago.
 */
const PROFILE_KEY = 'gatehouse.app.profile';

export interface LockProfile {
  displayName: string;
  username: string;
  appUnlock: AppFactor;
  email: string | null;
}

/**
 * A token whose sign-out could not reach the server (offline): kept apart, never used for
 * anything but ending it there once the network is back.
 */
const PENDING_LOGOUT_KEY = 'gatehouse.app.pending-logout';

export function rememberPendingLogout(token: string): void {
  localStorage.setItem(PENDING_LOGOUT_KEY, token);
}

export function pendingLogout(): string | null {
  return localStorage.getItem(PENDING_LOGOUT_KEY);
}

export function forgetPendingLogout(): void {
  localStorage.removeItem(PENDING_LOGOUT_KEY);
}

export function readToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

/** Forgets the token and everything kept for the lock screen. */
export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(PROFILE_KEY);
}

export function readLockProfile(): LockProfile | null {
  try {
    const raw = localStorage.getItem(PROFILE_KEY);
    return raw ? (JSON.parse(raw) as LockProfile) : null;
  } catch {
    return null;
  }
}

export function storeLockProfile(profile: LockProfile): void {
  localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
}
