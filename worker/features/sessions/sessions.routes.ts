import { Hono } from 'hono';
import { z } from 'zod';
import { sessionIdSchema } from '../../../schemas/sessions';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { validate } from '../../lib/validate';
import { requireAuth } from '../../middleware/auth';
import { endSessions } from './sessions.service';

/** `DELETE /sessions/:id` with the id from a session list. */
export const sessionsRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .delete('/:id', validate('param', z.object({ id: sessionIdSchema })), async (c) => {
    const [userId = '', sessionId = ''] = c.req.valid('param').id.split('.');
    return c.json(await endSessions(await serviceContext(c), userId, sessionId));
  });
