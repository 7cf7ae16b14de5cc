import { ERROR_CODES, type ErrorCode } from '../../schemas/errors';

/** An expected failure, turned into the error envelope by the app's `onError`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: { message?: string; field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(options.message ?? ERROR_CODES[code].message);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = options.field;
    this.details = options.details;
  }
}
