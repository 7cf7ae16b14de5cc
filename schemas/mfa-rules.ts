/** Invariant 6 as numbers, shared with the screens that show them. */
export const EMAIL_CODE_RULES = {
  digits: 6,
  lifetimeMinutes: 10,
  maxWrongTries: 5,
  /** A new code for the same attempt waits this long after the last one. */
  resendCooldownSeconds: 60,
  /**
   * Codes mailed to one account in any hour, counted apart for logins and for unlocks: someone
   * who only knows the password cannot spend the budget an open APP needs to unlock.
   */
  sendsPerHour: 10,
  /** Wrong codes one account may see in a day, all attempts together; then no more codes. */
  wrongCodesPerDay: 20,
  /** However often it is resent, a login attempt ends this long after its password passed. */
  attemptMaxMinutes: 30,
} as const;

/** Failed unlocks (wrong password or wrong code) that end an APP session. */
export const MAX_UNLOCK_FAILURES = 5;

/**
 * How far the server's idle clock may trail the screen's: an APP in use tells the server at
 * least this often (any request counts), and the server locks an APP session only after the
 * limit plus this long without a request. The screen itself locks at the limit exactly and
 * says so to the server at once; the grace only keeps the server from locking a screen in use.
 */
export function lockGraceMs(limitMs: number): number {
  return Math.min(60_000, Math.floor(limitMs / 4));
}
