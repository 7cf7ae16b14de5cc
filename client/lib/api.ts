import { hc } from 'hono/client';
import { ERROR_CODES, type ErrorCode, isErrorEnvelope } from '../../schemas/errors';
import type { AppType } from '../../worker/app';

/** The typed API client; the WEB session rides in its HttpOnly cookie. */
export const api = hc<AppType>('/').api.v1;

/** A failed API call, carrying the envelope's machine-readable code and field. */
export class ApiClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly requestId?: string,
    /** The envelope's machine-readable facts, e.g. `{ attemptsLeft }` or `{ retryAfterSeconds }`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Resolves a typed response to its JSON body, or throws an ApiClientError. */
export async function unwrap<T>(
  pending: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
): Promise<T> {
  let res: Awaited<typeof pending>;
  try {
    res = await pending;
  } catch {
    throw new ApiClientError('UNAVAILABLE', 'Cannot reach the server. Check your connection.', 0);
  }
  if (res.ok) return res.json();
  const body: unknown = await res.json().catch(() => null);
  if (isErrorEnvelope(body)) {
    const { code, message, field, requestId, details } = body.error;
    throw new ApiClientError(code, message, res.status, field, requestId, details);
  }
  const code: ErrorCode = res.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
  throw new ApiClientError(code, ERROR_CODES[code].message, res.status);
}
