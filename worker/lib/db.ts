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
