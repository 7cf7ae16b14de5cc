import { createSignal } from 'solid-js';
import type { KickReason } from '../../../schemas/live';
import type { MeResponse } from '../../../schemas/me';
import type { AppFactor } from '../../../schemas/mfa-config';
import { t } from '../../i18n';
import { ApiClientError, unwrap } from '../../lib/api';
import { kickText } from '../auth/kick-notice';
import { appApi, setSessionSignals } from './app-api';
import { appAuth } from './app-auth';
import {
  forgetPendingLogout,
  forgetToken,
  pendingLogout,
  readLockProfile,
  readToken,
  rememberPendingLogout,
  storeLockProfile,
  storeToken,
} from './app-token';

/**
 * Where the APP stands:
 * - `starting`: a token is kept, `/me` not answered yet;
 * - `signed_out`: no token (the sign-in screen, with `notice` saying why if it was ended);
 * - `ready`: signed in and unlocked;
 * - `locked`: the session is locked (by this screen after idle or hidden, or by the server);
 * - `unreachable`: a token is kept but the server could not be asked (offline at start).
 */
export type AppStatus = 'starting' | 'signed_out' | 'ready' | 'locked' | 'unreachable';

const [status, setStatus] = createSignal<AppStatus>(readToken() ? 'starting' : 'signed_out');
const [me, setMe] = createSignal<MeResponse | null>(null);
const [notice, setNotice] = createSignal<string | null>(null);

export { me, notice, status };

const hasSession = () => status() !== 'signed_out';

setSessionSignals({
  onLocked: () => markLocked(),
  onEnded: () => endSession(),
});

/** Reads `/me` (also the keep-alive of an active screen); 423 and 401 arrive through signals. */
export async function loadMe(): Promise<void> {
  if (!readToken()) return;
  try {
    const current = await unwrap(appApi.me.$get());
    if (!readToken()) return;
    setMe(current);
    storeLockProfile({
      displayName: current.user.displayName,
      username: current.user.username,
      appUnlock: current.user.mfa.appUnlock,
      email: current.user.email,
    });
    if (status() !== 'locked') setStatus('ready');
  } catch (error) {
    if (!(error instanceof ApiClientError)) throw error;
    // No answer at all: keep the token and say so; the network coming back retries.
    if (error.status === 0 && status() === 'starting') setStatus('unreachable');
  }
}

/** A sign-in (password, or password and code) answered a token: keep it and load the user. */
export async function signedIn(token: string): Promise<void> {
  storeToken(token);
  setNotice(null);
  setStatus('starting');
  await loadMe();
}

/** The server says this session is locked (a 423 or the live `locked` message). */
export function markLocked(): void {
  if (hasSession()) setStatus('locked');
}

/** Locks now (idle or hidden past the limit): the server refuses everything until unlocked. */
export async function lockNow(): Promise<void> {
  if (status() !== 'ready') return;
  setStatus('locked');
  // Offline the server locks it by itself once the idle limit passes; the screen is locked now.
  await appAuth.lock().catch(() => undefined);
}

/**
 * An administrator changed how this account unlocks: a locked screen cannot read `/me`, so the
 * notice itself says, and the lock screen shows the new step at once.
 */
export function unlockFactorChanged(appUnlock: AppFactor): void {
  const current = me();
  if (current) {
    setMe({ ...current, user: { ...current.user, mfa: { ...current.user.mfa, appUnlock } } });
  }
  const profile = readLockProfile();
  if (profile) storeLockProfile({ ...profile, appUnlock });
}

/** The unlock succeeded: the same token and socket carry on. */
export async function unlocked(): Promise<void> {
  setStatus('ready');
  await loadMe();
}

/**
 * The session is over: forget the token and go to the sign-in screen. A known reason (a live
 * `kicked` message, or too many failed unlocks) is said there; an answer that only says the
 * session ended gives the generic message, and a reason arriving just after still replaces it.
 */
export function endSession(reason?: KickReason): void {
  forgetToken();
  setMe(null);
  if (reason) setNotice(reason === 'logged_out' ? null : kickText(reason));
  else if (status() !== 'signed_out') setNotice(t('app.session.ended'));
  setStatus('signed_out');
}

/**
 * Signs out on the server (allowed while locked too) and forgets the token either way. When the
 * server cannot be reached the token is kept aside and ended there as soon as the APP is back
 * online: a sign-out on a phone in a tunnel must not leave the session alive.
 */
export async function signOut(): Promise<void> {
  const token = readToken();
  const reached = await appAuth
    .logout()
    .then(() => true)
    .catch((error: unknown) => !(error instanceof ApiClientError && error.status === 0));
  if (!reached && token) rememberPendingLogout(token);
  endSession('logged_out');
  if (!reached) {
    setNotice(t('app.session.signedOutOffline'));
  }
}

/** Ends a session whose sign-out happened offline, once the server answers again. */
export async function finishPendingLogout(): Promise<void> {
  const token = pendingLogout();
  if (!token) return;
  const res = await fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    credentials: 'omit',
  }).catch(() => null);
  // Any answer settles it: 200 ended it now, 401 means it had already ended.
  if (res) forgetPendingLogout();
}

window.addEventListener('online', () => void finishPendingLogout());

/** Shows a message on the sign-in screen (e.g. a code challenge that ended). */
export function setSignInNotice(message: string | null): void {
  setNotice(message);
}
