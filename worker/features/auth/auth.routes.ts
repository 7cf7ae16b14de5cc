import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { authorize } from '../../authority/authorize';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { AppEnv } from '../../env';
import { clientAddress } from '../../lib/client-address';
import { ApiError } from '../../lib/errors';
import { isSameOrigin } from '../../middleware/origin';
import { route } from '../../routes/route';
import { AUTH_ROUTES as R } from './auth.contract';
import { login } from './auth.service';
import { SESSION_COOKIE } from './session-token';

/** Long-term web sessions still need a cookie lifetime; browsers cap it at 400 days. */
const LONG_TERM_COOKIE_SECONDS = 400 * 24 * 3600;

export const authRoutes = new Hono<AppEnv>()
  .on(R.login.method, R.login.path, route(R.login), async (c) => {
    const input = c.req.valid('json');
    // A cookie login from another site would plant our session in a victim's browser.
    if (input.client === 'web' && c.req.header('origin') && !isSameOrigin(c)) {
      throw new ApiError('CSRF_REJECTED');
    }
    const result = await login(c.env, c.var.db, input, {
      userAgent: c.req.header('user-agent') ?? null,
      ip: clientAddress(c),
    });
    c.var.dbTrips.add(result.dbTrips);
    c.header('Server-Timing', `hash;desc="password hash";dur=${result.hashMs.toFixed(1)}`);
    const user = result.user;
    const expiresAt = result.expiresAt === null ? null : new Date(result.expiresAt).toISOString();
    if (input.client === 'app') {
      return c.json(
        { status: 'ok' as const, token: result.token, expiresAt, user },
        R.login.status,
      );
    }
    setCookie(c, SESSION_COOKIE, result.token, {
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      maxAge:
        result.expiresAt === null
          ? LONG_TERM_COOKIE_SECONDS
          : Math.ceil((result.expiresAt - Date.now()) / 1000),
    });
    return c.json({ status: 'ok' as const, expiresAt, user }, R.login.status);
  })
  .on(R.logout.method, R.logout.path, route(R.logout), async (c) => {
    const { userId, sessionId } = (await authorize(c)).auth;
    await hubFor(c.env, userId).end(sessionId, 'logged_out');
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ status: 'ok' as const }, R.logout.status);
  });
