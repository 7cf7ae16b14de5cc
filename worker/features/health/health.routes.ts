import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  try {
    await c.var.db.run(sql`select 1`);
  } catch {
    throw new ApiError('UNAVAILABLE', { message: 'The database does not answer.' });
  }
  return c.json({ status: 'ok' as const });
});
