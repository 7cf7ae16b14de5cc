import { ERROR_CODES, type ErrorCode } from '../../../schemas/errors';

/**
 * What each API error code means to a person. English reuses the API's own default messages
 * (one source); other languages translate the same codes, so a code can never go unworded.
 */
export const errors = Object.fromEntries(
  Object.entries(ERROR_CODES).map(([code, { message }]) => [code, message]),
) as Record<ErrorCode, string>;
