import type { Context } from 'hono';
import { Hono } from 'hono';
import { authorize } from '../../authority/authorize';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { SESSION_ROUTES as R } from './sessions.contract';
import { endSessions, listSessions, sessionOwnerQuery } from './sessions.service';

/** Ends sessions of `userId`: the owner account is read with the actor (one round trip). */
async function end(c: Context<AppEnv>, userId: string, sessionId: string | null) {
  const {
    actor,
    db,
    rows: [[row]],
  } = await authorize(c, (db) => [sessionOwnerQuery(db, userId)]);
  return endSessions(c.env, db, actor, { userId, sessionId }, row);
}

/** Live sessions: a user's list, ending all of them, or one by the id from the list. */
export const sessionsRoutes = new Hono<AppEnv>()
  .on(R.end.method, R.end.path, route(R.end), async (c) => {
    const [userId = '', sessionId = ''] = c.req.valid('param').id.split('.');
    return c.json(await end(c, userId, sessionId), R.end.status);
  })
  .on(R.list.method, R.list.path, route(R.list), async (c) => {
    const { id } = c.req.valid('param');
    const {
      actor,
      auth,
      rows: [[row]],
    } = await authorize(c, (db) => [sessionOwnerQuery(db, id)]);
    const sessions = await listSessions(c.env, actor, id, row, auth.sessionId);
    return c.json({ sessions }, R.list.status);
  })
  .on(R.endAll.method, R.endAll.path, route(R.endAll), async (c) =>
    c.json(await end(c, c.req.valid('param').id, null), R.endAll.status),
  );
