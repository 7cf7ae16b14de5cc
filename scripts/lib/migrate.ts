import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from '../../db/schema';

export const MIGRATIONS_FOLDER = join(import.meta.dirname, '../../db/migrations');

export function connect(url: string, authToken?: string) {
  return drizzle(createClient({ url, authToken }), { schema });
}

/** Applies the committed drizzle-kit migrations that the database has not seen yet. */
export async function applyMigrations(url: string, authToken?: string): Promise<void> {
  const db = connect(url, authToken);
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  db.$client.close();
}
