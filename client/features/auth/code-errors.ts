import { EMAIL_CODE_RULES } from '../../../schemas/mfa-rules';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError } from '../../lib/api';
import { sentences } from './sentences';

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
  if (!(error instanceof ApiClientError)) return t('common.unexpectedError');
  const left = detailNumber(error, 'attemptsLeft');
  const retry = detailNumber(error, 'retryAfterSeconds');
  switch (error.code) {
    case 'CODE_INVALID':
    case 'UNLOCK_REJECTED':
      if (left === undefined) return errorText(error);
      return sentences(errorText(error), t('auth.codeErrors.attemptsLeft', left));
    case 'RESEND_TOO_SOON':
      return retry === undefined ? errorText(error) : t('auth.codeErrors.waitSeconds', retry);
    case 'CODE_SEND_LIMIT':
      return retry === undefined
        ? errorText(error)
        : t('auth.codeErrors.sendLimit', Math.ceil(retry / 60));
    case 'VALIDATION_FAILED':
      return t('auth.code.digitsRule', EMAIL_CODE_RULES.digits);
    default:
      return errorText(error);
  }
}

/** When a refused resend may be tried again, as an ISO instant (for the countdown). */
export function resendAfterFrom(error: unknown): string | undefined {
  const retry = detailNumber(error, 'retryAfterSeconds');
  return retry === undefined ? undefined : new Date(Date.now() + retry * 1000).toISOString();
}
