import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from '../../db/schema';

export type DrizzleDb = ReturnType<typeof createDb>;

/**
 * How long one round trip to the database may take before the request gives up with a 503: a
 * database that hangs must not hang every request behind it.
 */
export const DB_DEADLINE_MS = 10_000;

type Fetch = typeof fetch;

/** `fetch` that aborts after `ms`; the abort surfaces as a TimeoutError. */
export const fetchWithDeadline =
  (ms: number, inner: Fetch = fetch): Fetch =>
  (input, init) =>
    inner(input, { ...init, signal: AbortSignal.timeout(ms) });

/** One libSQL HTTP client per request: Workers cannot share I/O objects across requests. */
export function createDb(
  url: string,
  authToken?: string,
  fetchImpl: Fetch = fetchWithDeadline(DB_DEADLINE_MS),
) {
  const client = createClient({ url, authToken, fetch: fetchImpl });
  return drizzle(client, { schema });
}

/** A database handle or an open transaction: what repo functions that write accept. */
export type DbOrTx = DrizzleDb | Parameters<Parameters<DrizzleDb['transaction']>[0]>[0];

/** Seconds a client should wait before retrying when the database does not answer. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * True when `error` (or any error it wraps) says the database could not be reached, as opposed
 * to a statement the database refused: the first is a 503 to retry, the second a bug (500).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(SERVER_ERROR|HRANA_|HTTP_|ECONN|ETIMEDOUT|STREAM_)/.test(code)
    ) {
      return true;
    }
    if (e instanceof TypeError && /fetch|network|connect/i.test(e.message)) return true;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (/Network connection lost|ECONNREFUSED|connection refused/i.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}
