import { ApiClientError } from '../lib/api';
import { t } from './index';
import { locale } from './state';

/**
 * What to tell a person about a failed call: the catalog's words for the API's error code (codes
 * stay stable, their wording is the client's). A validation failure keeps the API's own, more
 * specific English message in English; in other languages it reads as the code's message.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiClientError)) return t('common.unexpectedError');
  if (error.code === 'VALIDATION_FAILED' && locale() === 'en') return error.message;
  return t(`errors.${error.code}`);
}
