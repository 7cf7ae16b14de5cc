import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { HEALTH_ROUTES as R } from './health.contract';

/** Liveness of the Worker and its database (a database that does not answer is a 503). */
export const healthRoutes = new Hono<AppEnv>().on(
  R.health.method,
  R.health.path,
  route(R.health),
  async (c) => {
    await c.var.db.run(sql`select 1`);
    return c.json({ status: 'ok' as const }, R.health.status);
  },
);
