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

/** A typed response, or a union of them (a route answering one of several bodies). */
type JsonResponse = { ok: boolean; status: number; json(): Promise<unknown> };
/** The body a typed response resolves to; the union of bodies for a union of responses. */
type BodyOf<R extends JsonResponse> = R extends { json(): Promise<infer T> } ? T : never;

/** Resolves a typed response to its JSON body, or throws an ApiClientError. */
export async function unwrap<R extends JsonResponse>(pending: Promise<R>): Promise<BodyOf<R>> {
  let res: R;
  try {
    res = await pending;
  } catch {
    throw new ApiClientError('UNAVAILABLE', 'Cannot reach the server. Check your connection.', 0);
  }
  if (res.ok) return res.json() as Promise<BodyOf<R>>;
  const body: unknown = await res.json().catch(() => null);
  if (isErrorEnvelope(body)) {
    const { code, message, field, requestId, details } = body.error;
    throw new ApiClientError(code, message, res.status, field, requestId, details);
  }
  const code: ErrorCode = res.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
  throw new ApiClientError(code, ERROR_CODES[code].message, res.status);
}

/**
 * Whether a failed read means "there is no such thing": the API answers 404 for an id that is
 * gone or out of scope, and 400 on the id itself for one that is not an id at all.
 */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof ApiClientError &&
    (error.status === 404 || (error.code === 'VALIDATION_FAILED' && error.field === 'id'))
  );
}

/** Reads a record, or null when it does not exist; any other failure (403 …) is thrown on. */
export function orNotFound<T>(pending: Promise<T>): Promise<T | null> {
  return pending.catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
}
