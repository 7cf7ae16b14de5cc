import { Hono } from 'hono';
import { PERMISSION_CATALOG } from '../../../schemas/permissions';
import type { AppEnv } from '../../env';
import { requireAuth } from '../../middleware/auth';

export const permissionsRoutes = new Hono<AppEnv>().get('/catalog', requireAuth, (c) =>
  c.json(PERMISSION_CATALOG),
);
