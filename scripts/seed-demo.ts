/**
 * `npm run db:seed-demo`: seeds the demo organisation (and its `admin`) into an empty database
 * at LIBSQL_URL, hashing with PASSWORD_PEPPER; the admin password comes from
 * GATEHOUSE_ADMIN_PASSWORD.
 */
import { seedDemo } from '../db/seed';
import { connect } from './lib/migrate';

const { LIBSQL_URL, LIBSQL_AUTH_TOKEN, PASSWORD_PEPPER, GATEHOUSE_ADMIN_PASSWORD } = process.env;
if (!LIBSQL_URL || !PASSWORD_PEPPER || !GATEHOUSE_ADMIN_PASSWORD) {
  console.error('Set LIBSQL_URL, PASSWORD_PEPPER and GATEHOUSE_ADMIN_PASSWORD.');
  process.exit(2);
}
const db = connect(LIBSQL_URL, LIBSQL_AUTH_TOKEN);
const result = await seedDemo(db, GATEHOUSE_ADMIN_PASSWORD, PASSWORD_PEPPER);
console.log(
  result.seeded ? `seeded: ${result.users.join(', ')}` : 'the database is not empty; nothing done',
);
db.$client.close();
