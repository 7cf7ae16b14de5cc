import { Hono } from 'hono';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { SESSION_ROUTES as R } from './sessions.contract';
import { endSessions, listSessions } from './sessions.service';

/** Live sessions: a user's list, ending all of them, or one by the id from the list. */
export const sessionsRoutes = new Hono<AppEnv>()
  .on(R.end.method, R.end.path, route(R.end), async (c) => {
    const [userId = '', sessionId = ''] = c.req.valid('param').id.split('.');
    return c.json(await endSessions(await serviceContext(c), userId, sessionId), R.end.status);
  })
  .on(R.list.method, R.list.path, route(R.list), async (c) => {
    const ctx = await serviceContext(c);
    const sessions = await listSessions(ctx, c.req.valid('param').id, c.var.auth.sessionId);
    return c.json({ sessions }, R.list.status);
  })
  .on(R.endAll.method, R.endAll.path, route(R.endAll), async (c) =>
    c.json(
      await endSessions(await serviceContext(c), c.req.valid('param').id, null),
      R.endAll.status,
    ),
  );
