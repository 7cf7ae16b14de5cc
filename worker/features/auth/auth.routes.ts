import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { authorize } from '../../authority/authorize';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { AppEnv } from '../../env';
import { accountEventInsert, signOutEvent, unlockFailedEvent } from '../../lib/account-audit';
import { clientAddress } from '../../lib/client-address';
import { ApiError } from '../../lib/errors';
import { faceTemplateQuery } from '../../lib/face/face-templates';
import { isSameOrigin } from '../../middleware/origin';
import { route } from '../../routes/route';
import { AUTH_ROUTES as R } from './auth.contract';
import {
  type Defer,
  login,
  type OpenedLogin,
  recordFailure,
  resendLoginCode,
  verifyLoginCode,
} from './auth.service';
import {
  startFaceLoginCheck,
  startFaceUnlock,
  unlockByFace,
  verifyFaceLogin,
} from './face-auth.service';
import { SESSION_COOKIE } from './session-token';
import { lockSession, sendUnlockCode, unlockFactorQuery, unlockSession } from './unlock.service';

/** Long-term web sessions still need a cookie lifetime; browsers cap it at 400 days. */
const LONG_TERM_COOKIE_SECONDS = 400 * 24 * 3600;

const originOf = (c: Context<AppEnv>) => ({
  userAgent: c.req.header('user-agent') ?? null,
  ip: clientAddress(c),
});

/** Work kept alive after the answer (audit entries of refused sign-ins). */
const deferOf =
  (c: Context<AppEnv>): Defer =>
  (work) =>
    c.executionCtx.waitUntil(work);

/** A cookie login from another site would plant our session in a victim's browser. */
function assertCookieLoginSameSite(c: Context<AppEnv>): void {
  if (c.req.header('origin') && !isSameOrigin(c)) throw new ApiError('CSRF_REJECTED');
}

/**
 * The login answer for an opened session: the APP gets a bearer token in the body, the WEB an
 * HttpOnly cookie (and never the token).
 */
function sessionAnswer(c: Context<AppEnv>, opened: OpenedLogin, client: 'web' | 'app') {
  c.var.dbTrips.add(opened.dbTrips);
  const expiresAt = opened.expiresAt === null ? null : new Date(opened.expiresAt).toISOString();
  if (client === 'app') {
    return { status: 'ok' as const, token: opened.token, expiresAt, user: opened.user };
  }
  setCookie(c, SESSION_COOKIE, opened.token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Strict',
    maxAge:
      opened.expiresAt === null
        ? LONG_TERM_COOKIE_SECONDS
        : Math.ceil((opened.expiresAt - Date.now()) / 1000),
  });
  return { status: 'ok' as const, expiresAt, user: opened.user };
}

export const authRoutes = new Hono<AppEnv>()
  .on(R.login.method, R.login.path, route(R.login), async (c) => {
    const input = c.req.valid('json');
    if (input.client === 'web') assertCookieLoginSameSite(c);
    const outcome = await login(c.env, c.var.db, input, originOf(c), deferOf(c));
    c.header('Server-Timing', `hash;desc="password hash";dur=${outcome.hashMs.toFixed(1)}`);
    if (outcome.status === 'mfa_required') {
      const { hashMs: _, ...answer } = outcome;
      return c.json(answer, R.login.status);
    }
    return c.json(sessionAnswer(c, outcome, input.client), R.login.status);
  })
  .on(R.resendCode.method, R.resendCode.path, route(R.resendCode), async (c) => {
    const sent = await resendLoginCode(c.env, c.req.valid('json'), originOf(c));
    return c.json(sent, R.resendCode.status);
  })
  .on(R.verifyCode.method, R.verifyCode.path, route(R.verifyCode), async (c) => {
    // Before the code is used up: a page on another site cannot spend (or plant) a session.
    assertCookieLoginSameSite(c);
    const opened = await verifyLoginCode(c.env, c.var.db, c.req.valid('json'), deferOf(c));
    return c.json(sessionAnswer(c, opened, opened.client), R.verifyCode.status);
  })
  .on(R.startFaceLogin.method, R.startFaceLogin.path, route(R.startFaceLogin), async (c) => {
    return c.json(await startFaceLoginCheck(c.env, c.req.valid('json')), R.startFaceLogin.status);
  })
  .on(R.verifyFace.method, R.verifyFace.path, route(R.verifyFace), async (c) => {
    const opened = await verifyFaceLogin(c.env, c.var.db, c.req.valid('form'), deferOf(c));
    return c.json(sessionAnswer(c, opened, opened.client), R.verifyFace.status);
  })
  .on(R.startFaceUnlock.method, R.startFaceUnlock.path, route(R.startFaceUnlock), async (c) => {
    const { auth, rows } = await authorize(c, (db, userId) => [unlockFactorQuery(db, userId)]);
    return c.json(
      await startFaceUnlock(c.env, auth, rows[0][0]?.appUnlock),
      R.startFaceUnlock.status,
    );
  })
  .on(R.unlockFace.method, R.unlockFace.path, route(R.unlockFace), async (c) => {
    const { auth, rows } = await authorize(c, (db, userId) => [
      unlockFactorQuery(db, userId),
      faceTemplateQuery(db, userId),
    ]);
    const [[factor], [template]] = rows;
    await unlockByFace(c.env, auth, factor?.appUnlock, template, c.req.valid('form'));
    return c.json({ status: 'ok' as const, unlocked: true as const }, R.unlockFace.status);
  })
  .on(R.lock.method, R.lock.path, route(R.lock), async (c) => {
    const { auth } = await authorize(c);
    await lockSession(c.env, auth);
    return c.json({ status: 'ok' as const }, R.lock.status);
  })
  .on(R.unlockEmail.method, R.unlockEmail.path, route(R.unlockEmail), async (c) => {
    const { auth, rows } = await authorize(c, (db, userId) => [unlockFactorQuery(db, userId)]);
    return c.json(await sendUnlockCode(c.env, auth, rows[0][0], originOf(c)), R.unlockEmail.status);
  })
  .on(R.unlock.method, R.unlock.path, route(R.unlock), async (c) => {
    const { auth, rows } = await authorize(c, (db, userId) => [unlockFactorQuery(db, userId)]);
    const input = c.req.valid('json');
    await unlockSession(c.env, auth, rows[0][0], input).catch((error: unknown) => {
      // A wrong password or code, and the session ended for one too many, are on the record.
      const ended = error instanceof ApiError && error.code === 'SESSION_ENDED';
      if (ended || (error instanceof ApiError && error.code === 'UNLOCK_REJECTED')) {
        const factor = 'password' in input ? 'password' : 'email';
        recordFailure(c.var.db, deferOf(c), auth.userId, unlockFailedEvent(factor, ended));
      }
      throw error;
    });
    return c.json({ status: 'ok' as const, unlocked: true as const }, R.unlock.status);
  })
  .on(R.logout.method, R.logout.path, route(R.logout), async (c) => {
    const { userId, sessionId, client } = (await authorize(c)).auth;
    await hubFor(c.env, userId).end(sessionId, 'logged_out');
    // After the session ended: a sign-out that failed midway is no sign-out to record.
    await c.var.db.run(accountEventInsert(userId, signOutEvent(client)));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ status: 'ok' as const }, R.logout.status);
  });
