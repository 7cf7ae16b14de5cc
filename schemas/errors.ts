/**
 * Every error code the API can answer, with its HTTP status and a default message.
 * Shared with the client so it can branch on `code` instead of parsing messages.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNKNOWN_FIELD: { status: 400, message: 'The request names a field this route does not take.' },
  MALFORMED_TEXT: { status: 400, message: 'A text field is not well-formed Unicode.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  SESSION_ENDED: { status: 401, message: 'Your session has ended. Sign in again.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The username or password is incorrect.' },
  CSRF_REJECTED: { status: 403, message: 'The request did not come from this site.' },
  ORIGIN_REJECTED: { status: 403, message: 'The connection did not come from this site.' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: 'Choose a new password before you continue.',
  },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do that.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state.' },
  USERNAME_TAKEN: { status: 409, message: 'That username is already in use.' },
  COMPANY_NAME_TAKEN: {
    status: 409,
    message: 'Another company under the same parent already has that name.',
  },
  ROLE_NAME_TAKEN: { status: 409, message: 'This company already has a role with that name.' },
  COMPANY_NOT_EMPTY: { status: 409, message: 'The company still holds companies, users or roles.' },
  COMPANY_CYCLE: {
    status: 409,
    message: 'A company cannot move under itself or its subsidiaries.',
  },
  SCOPE_ROOT_LOCKED: { status: 409, message: 'Your own scope company cannot be moved or deleted.' },
  ROLE_IN_USE: { status: 409, message: 'The role is held by users; confirm to delete it.' },
  ACCOUNT_NOT_BELOW: {
    status: 403,
    message: 'You can only act on accounts entirely below your own.',
  },
  EXCEEDS_PARENT: {
    status: 409,
    message: 'A sub-user cannot outlive or see more than its parent.',
  },
  GRANT_EXCEEDS_OWN: { status: 403, message: 'You cannot grant a permission you do not hold.' },
  SCOPE_EXCEEDS_OWN: { status: 403, message: 'The scope must lie inside your own.' },
  EXPIRY_EXCEEDS_OWN: {
    status: 403,
    message: 'The expiration date cannot be later than your own.',
  },
  PERMISSION_REQUIRED: { status: 403, message: 'You do not hold the permission this needs.' },
  SESSION_LOCKED: { status: 423, message: 'The APP is locked. Unlock it to continue.' },
  NOT_APP_SESSION: { status: 409, message: 'Only an APP session locks and unlocks.' },
  FACTOR_NOT_ALLOWED: {
    status: 403,
    message: 'This account must use its configured sign-in factor.',
  },
  CHALLENGE_ENDED: {
    status: 401,
    message: 'This verification has ended. Sign in again to get a new code.',
  },
  CODE_INVALID: { status: 401, message: 'That code is not correct.' },
  UNLOCK_REJECTED: { status: 401, message: 'That did not unlock the APP.' },
  RESEND_TOO_SOON: { status: 429, message: 'Wait a moment before asking for another code.' },
  CODE_SEND_LIMIT: {
    status: 429,
    message: 'Too many codes were sent to this account. Try again later.',
  },
  CODE_GUESS_LIMIT: {
    status: 429,
    message:
      'Too many wrong codes were entered for this account. Try again tomorrow or ask an administrator.',
  },
  SESSION_NOT_LOCKED: { status: 409, message: 'This session is not locked.' },
  EMAIL_REQUIRED: {
    status: 422,
    message: 'Add a valid email address to the account before choosing email codes.',
  },
  FACE_NOT_ENROLLED: {
    status: 422,
    message: 'Enrol a qualified face photo before choosing face recognition.',
  },
  FACE_NOT_QUALIFIED: {
    status: 422,
    message: 'The photo is not a qualified face photo. See what to fix.',
  },
  FACE_MISMATCH: { status: 401, message: 'The face did not match. Try again.' },
  FACE_LOCKED: {
    status: 403,
    message: 'Face recognition failed too often. Use another way in or ask an administrator.',
  },
  FACE_NONCE_INVALID: {
    status: 401,
    message: 'This face check has expired or was already used. Start it again.',
  },
  FACE_IN_USE: {
    status: 409,
    message: 'The account signs in with its face. Choose another factor before removing it.',
  },
  FACE_UNAVAILABLE: { status: 503, message: 'Face recognition is not available right now.' },
  FACTOR_UNAVAILABLE: {
    status: 409,
    message: 'The configured sign-in factor cannot be used. Ask an administrator.',
  },
  MAIL_FAILED: { status: 502, message: 'The email could not be sent. Try again.' },
  MAIL_UNAVAILABLE: { status: 503, message: 'Email is not set up on this server.' },
  UPGRADE_REQUIRED: { status: 426, message: 'Expected a WebSocket upgrade.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Try again later.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  UNAVAILABLE: { status: 503, message: 'A backing service is unavailable.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error envelope every failing API response carries. */
export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: string;
    field?: string;
    /** Extra machine-readable facts, e.g. `{ permission }` or `{ users: 3 }`. */
    details?: Record<string, unknown>;
    requestId: string;
  };
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
