import { okSchema } from '../../../schemas/me';
import { defineRoute } from '../../routes/route';

export const HEALTH_ROUTES = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    summary: 'Liveness of the Worker and its database (503 when the database does not answer)',
    access: 'public',
    response: okSchema,
    status: 200,
  }),
} as const;
