import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { createDb } from '../lib/db';

/** Gives each request its own libSQL client as `c.var.db`. */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDb(c.env.LIBSQL_URL, c.env.LIBSQL_AUTH_TOKEN));
  await next();
});
