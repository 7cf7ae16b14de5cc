/**
 * What the APP says when face is blocked. The shell's screens import these; the words of the
 * lazy face screens live in app-face-refusal.ts.
 */

/** Face sign-in refused after FACE_RULES.maxFailures: what the user can do instead. */
export const FACE_LOGIN_BLOCKED =
  'Face sign-in is blocked after too many failed tries. Sign in with your password again: ' +
  'an account with an email address gets an emailed code instead. Otherwise ask your administrator.';

/** The same, when the password step itself answers FACE_LOCKED (no email to fall back to). */
export const FACE_LOGIN_BLOCKED_NO_EMAIL =
  'Face sign-in is blocked for this account after too many failed tries. Ask your ' +
  'administrator to enrol your face again or to choose another way to sign in.';

/** Face unlock refused: the server takes the password instead. */
export const FACE_UNLOCK_BLOCKED =
  'Face unlock is blocked after too many failed tries. Enter your password to unlock.';
