import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { createDb } from '../lib/db';

/** An address nothing listens on: where the `db.down` test fault points the client. */
const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * Gives each request its own libSQL client as `c.var.db`. In the test environment the fault
 * `db.down` points it at an address nothing answers, to test outages on every route.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const down = c.env.ENVIRONMENT === 'test' && c.req.header('x-gatehouse-fault') === 'db.down';
  c.set('db', createDb(down ? UNREACHABLE : c.env.LIBSQL_URL, c.env.LIBSQL_AUTH_TOKEN));
  await next();
});
