import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { createDb, fetchWithDeadline } from '../lib/db';

/** An address nothing listens on: where the `db.down` test fault points the client. */
const UNREACHABLE = 'http://127.0.0.1:9';

/** A database that accepts the request and never answers, until the deadline aborts it. */
const hangingFetch: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) =>
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
  );

/**
 * The header that tells, outside production, how many round trips to the database a request
 * made: the round-trip budget test and `bench:far` read it.
 */
export const DB_TRIPS_HEADER = 'x-gatehouse-db-trips';

/** Counts each HTTP request the libSQL client sends: one per round trip. */
export function countingFetch(inner: typeof fetch, count: () => void): typeof fetch {
  return (input, init) => {
    count();
    return inner(input, init);
  };
}

/**
 * Gives each request its own libSQL client as `c.var.db`, counting its round trips. In the
 * test environment the fault `db.down` points it at an address nothing answers, and `db.hang`
 * at a database that never answers (with a short deadline), to test outages on every route.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const fault = c.env.ENVIRONMENT === 'test' ? c.req.header('x-gatehouse-fault') : undefined;
  const url = fault === 'db.down' ? UNREACHABLE : c.env.LIBSQL_URL;
  let trips = 0;
  const counted = (inner: typeof fetch) => countingFetch(inner, () => trips++);
  c.set(
    'db',
    fault === 'db.hang'
      ? createDb(url, c.env.LIBSQL_AUTH_TOKEN, fetchWithDeadline(200, counted(hangingFetch)))
      : createDb(url, c.env.LIBSQL_AUTH_TOKEN, fetchWithDeadline(10_000, counted(fetch))),
  );
  c.set('dbTrips', { count: () => trips, add: (n) => (trips += n) });
  await next();
  // Only where the tests and benchmarks read it: on any deployed stage (staging included) the
  // count would tell a known username (two trips) from an unknown one (one).
  if (c.env.ENVIRONMENT === 'test' || c.env.ENVIRONMENT === 'development') {
    c.header(DB_TRIPS_HEADER, String(trips));
  }
});
