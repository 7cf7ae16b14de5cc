import { catalogSchema } from '../../../schemas/permission-catalog.schema';
import { defineRoute } from '../../routes/route';

export const PERMISSION_ROUTES = {
  catalog: defineRoute({
    method: 'GET',
    path: '/permissions/catalog',
    summary: 'The permission catalog (function, web, app)',
    access: 'session',
    response: catalogSchema,
    status: 200,
  }),
} as const;
