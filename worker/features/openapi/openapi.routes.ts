import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { openApiDocument } from './openapi';
import { OPENAPI_ROUTES as R } from './openapi.contract';

/** The API's own description, built from the route registry. */
export const openApiRoutes = new Hono<AppEnv>().on(
  R.document.method,
  R.document.path,
  route(R.document),
  (c) => c.json(openApiDocument(), R.document.status),
);
