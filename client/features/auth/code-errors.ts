import { ApiClientError } from '../../lib/api';

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`);
const minutes = (n: number) => (n === 1 ? '1 minute' : `${n} minutes`);

/** A whole number the envelope's `details` carries under `key`, if any. */
export function detailNumber(error: unknown, key: string): number | undefined {
  if (!(error instanceof ApiClientError)) return undefined;
  const value = error.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * What a code screen says after a failed verify or resend, branching on the error code (never
 * the message): attempts left for a wrong code, the wait for a resend that came too soon.
 */
export function codeErrorMessage(error: unknown): string {
  if (!(error instanceof ApiClientError)) return 'Something went wrong. Try again.';
  const left = detailNumber(error, 'attemptsLeft');
  const retry = detailNumber(error, 'retryAfterSeconds');
  switch (error.code) {
    case 'CODE_INVALID':
    case 'UNLOCK_REJECTED':
      if (left === undefined) return error.message;
      return left === 1
        ? `${error.message} 1 attempt left.`
        : `${error.message} ${left} attempts left.`;
    case 'RESEND_TOO_SOON':
      return retry === undefined
        ? error.message
        : `Wait ${seconds(retry)} before asking for another code.`;
    case 'CODE_SEND_LIMIT':
      return retry === undefined
        ? error.message
        : `Too many codes were sent to this account. Try again in ${minutes(Math.ceil(retry / 60))}.`;
    case 'VALIDATION_FAILED':
      return 'Enter the 6 digits from the email.';
    default:
      return error.message;
  }
}

/** When a refused resend may be tried again, as an ISO instant (for the countdown). */
export function resendAfterFrom(error: unknown): string | undefined {
  const retry = detailNumber(error, 'retryAfterSeconds');
  return retry === undefined ? undefined : new Date(Date.now() + retry * 1000).toISOString();
}
