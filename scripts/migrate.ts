/**
 * `npm run db:migrate`: applies the committed migrations to LIBSQL_URL (e.g. a Turso
 * database: LIBSQL_URL=libsql://… LIBSQL_AUTH_TOKEN=… npm run db:migrate).
 */
import { applyMigrations } from './lib/migrate';

const url = process.env.LIBSQL_URL;
if (!url) {
  console.error('Set LIBSQL_URL (and LIBSQL_AUTH_TOKEN for Turso) to the database to migrate.');
  process.exit(2);
}
await applyMigrations(url, process.env.LIBSQL_AUTH_TOKEN);
console.log('migrations applied');
