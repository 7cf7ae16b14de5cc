import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { openApiDocument } from '../openapi/openapi';
import { HEALTH_ROUTES as R } from './health.contract';

/** Liveness of the Worker and its database, and the API's own description. */
export const healthRoutes = new Hono<AppEnv>()
  .on(R.health.method, R.health.path, route(R.health), async (c) => {
    await c.var.db.run(sql`select 1`);
    return c.json({ status: 'ok' as const }, R.health.status);
  })
  .on(R.openapi.method, R.openapi.path, route(R.openapi), (c) =>
    c.json(openApiDocument(), R.openapi.status),
  );
