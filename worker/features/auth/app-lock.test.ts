import { describe, expect, it } from 'vitest';
import { EMAIL_CODE_RULES, MAX_UNLOCK_FAILURES } from '../../../schemas/mfa';
import { lockGraceMs } from '../../../schemas/mfa-rules';
import {
  api,
  appLogin,
  bearer,
  createCompany,
  createUser,
  eventually,
  openLiveWithTicket,
  PASSWORD,
  webLogin,
} from '../../../test/worker/fixtures';
import { inHub, latestCode, uniqueEmail, wrongCode } from '../../../test/worker/mfa-fixtures';
import { call } from '../../../test/worker/org-fixtures';
import { send } from '../../../test/worker/request';
import { sampleFor } from '../../../test/worker/route-samples';
import { ROUTES, routeKey } from '../../routes/registry';

async function appSession(opts: { unlockBy?: 'password' | 'email'; lockMinutes?: number } = {}) {
  const company = await createCompany('Lock');
  const email = uniqueEmail();
  const user = await createUser({
    company,
    email,
    mfa: { appUnlock: opts.unlockBy ?? 'password' },
    appLockMinutes: opts.lockMinutes ?? 5,
  });
  const token = await appLogin(user.username);
  return { ...user, email, token };
}

/** Moves the session's last activity back by `minutes`, as if the phone sat idle. */
const idle = (userId: string, minutes: number) =>
  inHub(userId, 'UPDATE sessions SET last_active_at = last_active_at - ?', minutes * 60_000 + 1);

/** Idle past the limit and the server's grace (`lockGraceMs`): the server locks it. */
const idlePast = (userId: string, limitMinutes: number) =>
  inHub(
    userId,
    'UPDATE sessions SET last_active_at = last_active_at - ?',
    limitMinutes * 60_000 + lockGraceMs(limitMinutes * 60_000) + 1,
  );

const me = (token: string) => api('/me', { headers: bearer(token) });

describe('the APP lock', () => {
  it('the server locks an APP session idle past its limit and tells its screens', async () => {
    const s = await appSession({ lockMinutes: 5 });
    const live = await openLiveWithTicket(s.token);
    await eventually(() => live.messages.some((m) => m.type === 'hello'));
    // At the limit the server still allows for a screen in use whose last request trails.
    await idle(s.id, 5);
    expect((await me(s.token)).status).toBe(200);
    await idlePast(s.id, 5);
    const locked = await me(s.token);
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe(
      'SESSION_LOCKED',
    );
    await eventually(() => live.messages.some((m) => m.type === 'locked'));
    // Still locked on the next request: a locked session does not count requests as activity.
    expect((await me(s.token)).status).toBe(423);
    live.ws.close();
  });

  it('a WEB session never locks and cannot be locked', async () => {
    const company = await createCompany('Web');
    const user = await createUser({ company, appLockMinutes: 1 });
    const cookie = await webLogin(user.username);
    await idle(user.id, 60);
    expect((await api('/me', { headers: { cookie } })).status).toBe(200);
    const res = await api('/auth/lock', {
      method: 'POST',
      headers: { cookie, origin: 'https://gatehouse.test' },
    });
    expect(res.status).toBe(409);
  });

  it('a locked session answers 423 on every route but unlock, lock and sign-out', async () => {
    const s = await appSession();
    expect((await call(s.token, 'POST', '/auth/lock')).status).toBe(200);
    const ids = {
      company: 'co_AAAAAAAAAAAAAAAA',
      otherCompany: 'co_BBBBBBBBBBBBBBBB',
      user: s.id,
      role: 'ro_AAAAAAAAAAAAAAAA',
      session: `${s.id}.AAAAAAAAAAAAAAAA`,
      date: new Date(Date.now() + 86_400_000).toISOString(),
    };
    for (const spec of ROUTES) {
      const key = routeKey(spec);
      if (spec.access === 'public' || spec.allowWhenLocked) continue;
      const res = await send(spec, sampleFor(spec, ids), s.token);
      expect(res.status, key).toBe(423);
      expect(res.body.error?.code, key).toBe('SESSION_LOCKED');
    }
    // Still the same session: unlocking brings everything back.
    expect((await call(s.token, 'POST', '/auth/unlock', { password: PASSWORD })).status).toBe(200);
    expect((await me(s.token)).status).toBe(200);
  });

  it('unlocks with the password and keeps the session and its live socket', async () => {
    const s = await appSession();
    const live = await openLiveWithTicket(s.token);
    await eventually(() => live.messages.some((m) => m.type === 'hello'));
    await call(s.token, 'POST', '/auth/lock');
    await eventually(() => live.messages.some((m) => m.type === 'locked'));
    const unlocked = await call(s.token, 'POST', '/auth/unlock', { password: PASSWORD });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ status: 'ok', unlocked: true });
    expect((await me(s.token)).status).toBe(200);
    live.ws.send('ping');
    await eventually(() => live.messages.some((m) => m.type === 'pong'));
    expect(live.messages.some((m) => m.type === 'kicked')).toBe(false);
    live.ws.close();
  });

  it('five wrong passwords end the session and tell its screen why', async () => {
    const s = await appSession();
    const live = await openLiveWithTicket(s.token);
    await eventually(() => live.messages.some((m) => m.type === 'hello'));
    await call(s.token, 'POST', '/auth/lock');
    const left: unknown[] = [];
    for (let i = 0; i < MAX_UNLOCK_FAILURES - 1; i++) {
      const res = await call(s.token, 'POST', '/auth/unlock', { password: 'wrong password!' });
      expect(res.body.error?.code).toBe('UNLOCK_REJECTED');
      left.push((res.body.error as { details?: { attemptsLeft?: number } }).details?.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const last = await call(s.token, 'POST', '/auth/unlock', { password: 'wrong password!' });
    expect(last.status).toBe(401);
    expect(last.body.error?.code).toBe('SESSION_ENDED');
    await eventually(() =>
      live.messages.some((m) => m.type === 'kicked' && m.reason === 'unlock_failed'),
    );
    // Gone: the right password no longer helps.
    expect((await call(s.token, 'POST', '/auth/unlock', { password: PASSWORD })).status).toBe(401);
  });

  it('twenty wrong passwords at once end the session after five, never more', async () => {
    const s = await appSession();
    await call(s.token, 'POST', '/auth/lock');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(s.token, 'POST', '/auth/unlock', { password: 'wrong password!' }),
      ),
    );
    const codes = answers.map((a) => a.body.error?.code);
    // Only five are ever hashed: the others wait for nothing (429) or find the session gone.
    const hashed = codes.filter((c) => c !== 'RATE_LIMITED' && c !== 'SESSION_ENDED');
    expect(codes.filter((c) => c === 'UNLOCK_REJECTED').length).toBeLessThanOrEqual(4);
    expect(hashed.length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 'RATE_LIMITED' || c === 'SESSION_ENDED')).toHaveLength(16);
    expect(await inHub(s.id, 'SELECT id FROM sessions')).toHaveLength(0);
  });

  it('unlocks with an emailed code when that is the factor, and only so', async () => {
    const s = await appSession({ unlockBy: 'email' });
    await call(s.token, 'POST', '/auth/lock');
    const byPassword = await call(s.token, 'POST', '/auth/unlock', { password: PASSWORD });
    expect(byPassword.status).toBe(403);
    expect(byPassword.body.error?.code).toBe('FACTOR_NOT_ALLOWED');
    const sent = await call(s.token, 'POST', '/auth/unlock/email');
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ method: 'email' });
    const challengeId = String(sent.body.challengeId);
    const code = await latestCode(s.email);
    const wrong = await call(s.token, 'POST', '/auth/unlock', {
      challengeId,
      code: wrongCode(code),
    });
    expect(wrong.body.error?.code).toBe('UNLOCK_REJECTED');
    const right = await call(s.token, 'POST', '/auth/unlock', { challengeId, code });
    expect(right.status).toBe(200);
    expect((await me(s.token)).status).toBe(200);
    // Used up.
    await call(s.token, 'POST', '/auth/lock');
    const again = await call(s.token, 'POST', '/auth/unlock', { challengeId, code });
    expect(again.body.error?.code).toBe('CHALLENGE_ENDED');
  });

  it('a code mailed for a WEB login does not unlock the APP', async () => {
    const company = await createCompany('Purpose');
    const email = uniqueEmail();
    const user = await createUser({
      company,
      email,
      mfa: { webLogin: 'email', appUnlock: 'email' },
    });
    const token = await appLogin(user.username);
    await call(token, 'POST', '/auth/lock');
    const web = await api('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://gatehouse.test' },
      body: JSON.stringify({ username: user.username, password: PASSWORD, client: 'web' }),
    });
    const { challengeId } = (await web.json()) as { challengeId: string };
    const code = await latestCode(email);
    const res = await call(token, 'POST', '/auth/unlock', { challengeId, code });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('CHALLENGE_ENDED');
    expect((await me(token)).status).toBe(423);
    // And the WEB login's code still works where it belongs.
    const done = await api('/auth/mfa/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://gatehouse.test' },
      body: JSON.stringify({ challengeId, code }),
    });
    expect(done.status).toBe(200);
  });

  it("an unlock code is bound to its session: another session's code does not unlock", async () => {
    const s = await appSession({ unlockBy: 'email' });
    const other = await appLogin(s.username);
    await call(s.token, 'POST', '/auth/lock');
    await call(other, 'POST', '/auth/lock');
    const sent = await call(other, 'POST', '/auth/unlock/email');
    const code = await latestCode(s.email);
    const res = await call(s.token, 'POST', '/auth/unlock', {
      challengeId: String(sent.body.challengeId),
      code,
    });
    expect(res.body.error?.code).toBe('CHALLENGE_ENDED');
    expect((await me(s.token)).status).toBe(423);
  });

  it('a new lock limit from the token rules applies to open APP sessions', async () => {
    const company = await createCompany('Limit');
    const admin = await createUser({
      company,
      permissions: ['function.tokens.configure', 'function.users.view'],
    });
    const user = await createUser({ company, appLockMinutes: 30 });
    const adminToken = await appLogin(admin.username);
    const token = await appLogin(user.username);
    await idle(user.id, 10);
    expect((await me(token)).status).toBe(200);
    const res = await call(adminToken, 'PUT', `/users/${user.id}/token-config`, {
      longTerm: false,
      ttlMinutes: 60,
      exclusiveLogin: false,
      appLockMinutes: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body.tokenConfig).toMatchObject({ appLockMinutes: 5 });
    await idlePast(user.id, 5);
    expect((await me(token)).status).toBe(423);
  });

  it('an open session cannot ask for unlock codes (the budget is for locked screens)', async () => {
    const s = await appSession({ unlockBy: 'email' });
    const res = await call(s.token, 'POST', '/auth/unlock/email');
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('SESSION_NOT_LOCKED');
  });

  it('login codes cannot use up the codes a locked APP needs to unlock', async () => {
    const s = await appSession({ unlockBy: 'email' });
    await inHub(s.id, 'UPDATE sessions SET lock_after_ms = NULL');
    for (let i = 0; i < EMAIL_CODE_RULES.sendsPerHour; i++) {
      await inHub(s.id, "INSERT INTO code_sends (at, kind) VALUES (?, 'login')", Date.now());
    }
    await call(s.token, 'POST', '/auth/lock');
    const sent = await call(s.token, 'POST', '/auth/unlock/email');
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  });

  it('a live ticket taken before the lock opens no socket after it', async () => {
    const s = await appSession();
    const res = await api('/live/ticket', { method: 'POST', headers: bearer(s.token) });
    const { ticket } = (await res.json()) as { ticket: string };
    await call(s.token, 'POST', '/auth/lock');
    const late = await api(`/live?ticket=${ticket}`, { headers: { upgrade: 'websocket' } });
    expect(late.status).toBe(401);
  });
});
