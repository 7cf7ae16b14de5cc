import { z } from 'zod';
import { sessionIdSchema, sessionsEndedSchema } from '../../../schemas/sessions';
import { defineRoute } from '../../routes/route';

/** The sessions API, each route declared once. */
export const SESSION_ROUTES = {
  end: defineRoute({
    method: 'DELETE',
    path: '/sessions/:id',
    summary: 'End one live session (own, or function.sessions.revoke)',
    access: 'session',
    actsOnAccount: true,
    params: z.object({ id: sessionIdSchema }),
    response: sessionsEndedSchema,
    status: 200,
  }),
} as const;
