/**
 * `npm run db:seed-scale`: fills the (empty) database at LIBSQL_URL with 10 011 companies and
 * 100 001 users for benchmarks. Hashes with PASSWORD_PEPPER; every account's password is
 * GATEHOUSE_ADMIN_PASSWORD (default `scale-admin-password`).
 */
import { count } from 'drizzle-orm';
import * as schema from '../db/schema';
import { connect } from './lib/migrate';
import { seedScale } from './lib/scale-seed';

const url = process.env.LIBSQL_URL;
const pepper = process.env.PASSWORD_PEPPER;
if (!url || !pepper) {
  console.error('Set LIBSQL_URL and PASSWORD_PEPPER (the Worker’s) to the database to fill.');
  process.exit(2);
}
const db = connect(url, process.env.LIBSQL_AUTH_TOKEN);
const existing = await db.select({ n: count() }).from(schema.companies).get();
if ((existing?.n ?? 0) > 0) {
  console.error('The database is not empty; the scale seed only fills an empty one.');
  process.exit(1);
}
const started = Date.now();
const result = await seedScale(
  db,
  process.env.GATEHOUSE_ADMIN_PASSWORD ?? 'scale-admin-password',
  pepper,
);
console.log(
  `seeded ${result.companies} companies and ${result.users} users in ${((Date.now() - started) / 1000).toFixed(1)}s`,
);
db.$client.close();
