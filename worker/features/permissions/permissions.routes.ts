import { Hono } from 'hono';
import { PERMISSION_CATALOG } from '../../../schemas/permissions';
import { authorize } from '../../authority/authorize';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { PERMISSION_ROUTES as R } from './permissions.contract';

export const permissionsRoutes = new Hono<AppEnv>().on(
  R.catalog.method,
  R.catalog.path,
  route(R.catalog),
  async (c) => {
    await authorize(c);
    return c.json(PERMISSION_CATALOG, R.catalog.status);
  },
);
