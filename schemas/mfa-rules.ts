/** Invariant 6 as numbers, shared with the screens that show them. */
export const EMAIL_CODE_RULES = {
  digits: 6,
  lifetimeMinutes: 10,
  maxWrongTries: 5,
  /** A new code for the same attempt waits this long after the last one. */
  resendCooldownSeconds: 60,
  /** Codes mailed to one account in any hour, all purposes together. */
  sendsPerHour: 10,
} as const;

/** Failed unlocks (wrong password or wrong code) that end an APP session. */
export const MAX_UNLOCK_FAILURES = 5;
