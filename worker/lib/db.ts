import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql/web';
import * as schema from '../../db/schema';

export type DrizzleDb = ReturnType<typeof createDb>;

/** One libSQL HTTP client per request: Workers cannot share I/O objects across requests. */
export function createDb(url: string, authToken?: string) {
  const client = createClient({ url, authToken });
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
    if (/Network connection lost|ECONNREFUSED|connection refused/i.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}
