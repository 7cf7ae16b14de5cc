import { z } from 'zod';
import { userIdSchema } from '../../../schemas/ids';
import {
  sessionIdSchema,
  sessionsEndedSchema,
  sessionsListSchema,
} from '../../../schemas/sessions';
import { defineRoute } from '../../routes/route';

const userParams = z.object({ id: userIdSchema });

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
  list: defineRoute({
    method: 'GET',
    path: '/users/:id/sessions',
    summary: 'Live sessions (own, or function.sessions.view)',
    access: 'session',
    params: userParams,
    response: sessionsListSchema,
    status: 200,
  }),
  endAll: defineRoute({
    method: 'DELETE',
    path: '/users/:id/sessions',
    summary: 'End all live sessions (own, or function.sessions.revoke)',
    access: 'session',
    actsOnAccount: true,
    params: userParams,
    response: sessionsEndedSchema,
    status: 200,
  }),
} as const;
