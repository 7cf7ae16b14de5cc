/** Why a live session ended; sent to its open screens in the `kicked` message. */
export const KICK_REASONS = {
  logged_out: 'You signed out.',
  signed_in_elsewhere: 'You signed in on another device.',
  revoked: 'An administrator ended your session.',
  ended_elsewhere: 'This session was ended from another of your devices.',
  session_expired: 'Your session expired.',
  account_expired: 'Your account expired.',
  account_disabled: 'Your account was disabled.',
  account_deleted: 'Your account was deleted.',
  password_changed: 'Your password was changed. Sign in with the new one.',
  unlock_failed: 'Too many failed unlock attempts. Sign in again.',
} as const;
export type KickReason = keyof typeof KICK_REASONS;

/** Messages the server pushes over `GET /live`. */
export type LiveMessage =
  | { type: 'hello'; sessionId: string }
  | { type: 'pong' }
  | { type: 'kicked'; reason: KickReason }
  | { type: 'permissions_changed' }
  | { type: 'expiry_changed' }
  /** The APP session locked (idle or hidden too long): the screen shows the unlock step. */
  | { type: 'locked' }
  /**
   * The account's sign-in factors changed; `appUnlock` tells a locked APP (which cannot read
   * `/me` until it is unlocked) how it unlocks now.
   */
  | { type: 'mfa_changed'; appUnlock?: 'password' | 'email' | 'face' };
