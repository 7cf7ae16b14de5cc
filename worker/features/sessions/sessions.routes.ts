import { Hono } from 'hono';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { SESSION_ROUTES as R } from './sessions.contract';
import { endSessions } from './sessions.service';

/** `DELETE /sessions/:id` with the id from a session list. */
export const sessionsRoutes = new Hono<AppEnv>().on(
  R.end.method,
  R.end.path,
  route(R.end),
  async (c) => {
    const [userId = '', sessionId = ''] = c.req.valid('param').id.split('.');
    return c.json(await endSessions(await serviceContext(c), userId, sessionId), R.end.status);
  },
);
