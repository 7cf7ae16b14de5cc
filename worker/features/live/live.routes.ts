import { Hono } from 'hono';
import { authorize } from '../../authority/authorize';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { routedIdAuthentic } from '../../lib/routed-ids';
import { readCredentials } from '../../middleware/auth';
import { isSameOrigin } from '../../middleware/origin';
import { route } from '../../routes/route';
import { LIVE_ROUTES as R } from './live.contract';

/**
 * `GET /live` upgrades to a WebSocket held by the user's SessionHub. The WEB page is
 * authenticated by its cookie; a bearer client first gets a single-use ticket.
 */
export const liveRoutes = new Hono<AppEnv>()
  .on(R.ticket.method, R.ticket.path, route(R.ticket), async (c) => {
    const { userId, sessionId } = (await authorize(c)).auth;
    const ticket = await hubFor(c.env, userId).issueTicket(userId, sessionId);
    return c.json({ ticket: `${userId}.${ticket}` }, R.ticket.status);
  })
  .on(
    R.socket.method,
    R.socket.path,
    route(R.socket),
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new ApiError('UPGRADE_REQUIRED');
      }
      // Cross-site WebSocket hijacking: browsers always send Origin on an upgrade, so a
      // cookie-borne upgrade must carry ours; a native client with a ticket may send none.
      const origin = c.req.header('origin');
      const { ticket } = c.req.valid('query');
      if ((origin !== undefined || !ticket) && !isSameOrigin(c)) {
        throw new ApiError('ORIGIN_REJECTED');
      }
      if (!ticket) {
        c.set('pending', {
          credentials: readCredentials(c),
          allowBeforePasswordChange: true,
          permission: undefined,
          allowWhenLocked: false,
        });
        await authorize(c);
        return next();
      }
      const [userId = '', secret = ''] = ticket.split('.');
      // A ticket this server did not issue wakes no hub.
      if (!(await routedIdAuthentic(c.env.PASSWORD_PEPPER, 'ticket', userId, secret))) {
        throw new ApiError('SESSION_ENDED');
      }
      const hub = hubFor(c.env, userId);
      const sessionId = await hub.redeemTicket(secret);
      if (!sessionId) throw new ApiError('SESSION_ENDED');
      return forward(hub, c.req.raw, sessionId);
    },
    (c) => forward(hubFor(c.env, c.var.auth.userId), c.req.raw, c.var.auth.sessionId),
  );

async function forward(
  hub: { fetch: (r: Request) => Promise<Response> },
  request: Request,
  sessionId: string,
): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set('x-gatehouse-session', sessionId);
  const res = await hub.fetch(new Request(request.url, { headers }));
  if (res.status !== 101) throw new ApiError('SESSION_ENDED');
  // A stub's response has immutable headers; the app's middlewares still add theirs.
  return new Response(null, { status: 101, webSocket: res.webSocket, headers: res.headers });
}
