import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import { EMAIL_CODE_RULES } from '../../../schemas/mfa';
import {
  api,
  bearer,
  createCompany,
  createUser,
  ORIGIN,
  PASSWORD,
  postJson,
  testDb,
} from '../../../test/worker/fixtures';
import {
  codeIdOf,
  inHub,
  latestCode,
  outbox,
  resendCode,
  startLogin,
  uniqueEmail,
  verifyCode,
  wrongCode,
} from '../../../test/worker/mfa-fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';
import { hashPassword } from '../../lib/password';

/** An account whose WEB and APP logins both ask for an emailed code. */
async function emailAccount() {
  const company = await createCompany('Codes');
  const email = uniqueEmail();
  const user = await createUser({
    company,
    email,
    mfa: { webLogin: 'email', appLogin: 'email' },
  });
  return { ...user, email };
}

const sessionsOf = (userId: string) => inHub<{ id: string }>(userId, 'SELECT id FROM sessions');

describe('a login that needs an email code', () => {
  it('answers mfa_required with no session, no cookie and no token', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'web');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'mfa_required', method: 'email' });
    expect(res.body.maskedEmail).toMatch(/^u•••.*@example\.com$/);
    expect(res.body.token).toBeUndefined();
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await sessionsOf(user.id)).toHaveLength(0);
    const expiresIn = Date.parse(String(res.body.expiresAt)) - Date.now();
    expect(expiresIn).toBeGreaterThan((EMAIL_CODE_RULES.lifetimeMinutes - 1) * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(EMAIL_CODE_RULES.lifetimeMinutes * 60_000);
  });

  it('a wrong password mails nothing', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'web', 'not the password at all');
    expect(res.status).toBe(401);
    expect(await outbox(user.email)).toHaveLength(0);
  });

  it('the right code opens the session once: a WEB cookie, or an APP token', async () => {
    const user = await emailAccount();
    const web = await startLogin(user.username, 'web');
    const webCode = await latestCode(user.email);
    const done = await verifyCode(String(web.body.challengeId), webCode);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('ok');
    expect(done.body.token).toBeUndefined();
    const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-gh_session=/);
    expect((await api('/me', { headers: { cookie } })).status).toBe(200);
    // Used up: the same code again opens nothing.
    const again = await verifyCode(String(web.body.challengeId), webCode);
    expect(again.body.error?.code).toBe('CHALLENGE_ENDED');

    const app = await startLogin(user.username, 'app');
    const appDone = await verifyCode(String(app.body.challengeId), await latestCode(user.email));
    expect(appDone.status).toBe(200);
    const token = String(appDone.body.token);
    const me = await api('/me', { headers: bearer(token) });
    expect(((await me.json()) as { session: { client: string } }).session.client).toBe('app');
    expect(await sessionsOf(user.id)).toHaveLength(2);
  });

  it('stores only a keyed hash of the code', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const code = await latestCode(user.email);
    const rows = await inHub(user.id, 'SELECT * FROM codes');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(codeIdOf(String(res.body.challengeId)));
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(String(rows[0]?.code_hash)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('five wrong tries end the attempt, even for the right code after them', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    const left: unknown[] = [];
    for (let i = 0; i < EMAIL_CODE_RULES.maxWrongTries; i++) {
      const wrong = await verifyCode(challengeId, wrongCode(code));
      expect(wrong.status).toBe(401);
      expect(wrong.body.error?.code).toBe('CODE_INVALID');
      left.push(wrong.body.error?.details?.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const right = await verifyCode(challengeId, code);
    expect(right.body.error?.code).toBe('CHALLENGE_ENDED');
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('a code expires after its lifetime', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    // Ten minutes pass (the hub's row is moved back in time).
    await inHub(user.id, 'UPDATE codes SET expires_at = ?', Date.now() - 1);
    const late = await verifyCode(challengeId, code);
    expect(late.status).toBe(401);
    expect(late.body.error?.code).toBe('CHALLENGE_ENDED');
    expect((await resendCode(challengeId)).body.error?.code).toBe('CHALLENGE_ENDED');
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('resend waits for its cooldown, then replaces the old code', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    const first = await latestCode(user.email);
    const tooSoon = await resendCode(challengeId);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.error?.code).toBe('RESEND_TOO_SOON');
    expect(tooSoon.body.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    // The cooldown passes.
    await inHub(user.id, 'UPDATE codes SET sent_at = sent_at - ?', 61_000);
    const resent = await resendCode(challengeId);
    expect(resent.status).toBe(200);
    expect(resent.body.challengeId).toBe(challengeId);
    expect(await outbox(user.email)).toHaveLength(2);
    const second = await latestCode(user.email);
    if (second !== first) {
      expect((await verifyCode(challengeId, first)).body.error?.code).toBe('CODE_INVALID');
    }
    expect((await verifyCode(challengeId, second)).status).toBe(200);
  });

  it('a resend does not buy more wrong tries', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    for (let i = 0; i < 3; i++) await verifyCode(challengeId, wrongCode(code));
    await inHub(user.id, 'UPDATE codes SET sent_at = sent_at - ?', 61_000);
    await resendCode(challengeId);
    const next = await verifyCode(challengeId, wrongCode(await latestCode(user.email)));
    expect(next.body.error?.details?.attemptsLeft).toBe(1);
  });

  it('caps the codes mailed to one account per hour', async () => {
    const user = await emailAccount();
    for (let i = 0; i < EMAIL_CODE_RULES.sendsPerHour; i++) {
      expect((await startLogin(user.username, i % 2 ? 'web' : 'app')).status).toBe(200);
    }
    const capped = await startLogin(user.username, 'app');
    expect(capped.status).toBe(429);
    expect(capped.body.error?.code).toBe('CODE_SEND_LIMIT');
    expect(capped.body.error?.details?.retryAfterSeconds).toBeGreaterThan(3000);
    expect(await outbox(user.email)).toHaveLength(EMAIL_CODE_RULES.sendsPerHour);
    // An hour later the account can have codes again.
    await inHub(user.id, 'UPDATE code_sends SET at = at - ?', 3_600_000);
    expect((await startLogin(user.username, 'app')).status).toBe(200);
  });

  it('two concurrent submissions of one code open exactly one session', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    const answers = await Promise.all(
      Array.from({ length: 2 }, () => verifyCode(challengeId, code)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it('twenty concurrent submissions of one code open exactly one session', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'web');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => verifyCode(challengeId, code)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.error?.code === 'CHALLENGE_ENDED')).toHaveLength(19);
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it("a code is bound to its user's attempt: another account's challenge id opens nothing", async () => {
    const a = await emailAccount();
    const b = await emailAccount();
    const resA = await startLogin(a.username, 'app');
    await startLogin(b.username, 'app');
    const codeA = await latestCode(a.email);
    // B's user id with A's attempt and A's MAC: the MAC no longer matches.
    const forged = String(resA.body.challengeId).replace(a.id, b.id);
    expect((await verifyCode(forged, codeA)).body.error?.code).toBe('CHALLENGE_ENDED');
    expect(await sessionsOf(b.id)).toHaveLength(0);
  });

  it('an account disabled while the mail travelled is refused at the code', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const code = await latestCode(user.email);
    await testDb().update(users).set({ status: 'disabled' }).where(eq(users.id, user.id));
    const done = await verifyCode(String(res.body.challengeId), code);
    expect(done.status).toBe(401);
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('a cookie login finished from another site is refused before the code is spent', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'web');
    const challengeId = String(res.body.challengeId);
    const code = await latestCode(user.email);
    const crossSite = await postJson(
      '/auth/mfa/verify',
      { challengeId, code },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect((await verifyCode(challengeId, code)).status).toBe(200);
    expect(ORIGIN).not.toBe('https://evil.example');
  });

  it('any change to the account ends a login waiting for its code', async () => {
    const t = await twoTrees();
    for (const changes of [
      [{ password: 'a-Fresh-passphrase-42' }],
      [{ email: uniqueEmail() }],
      // Disabled and enabled again while the mail travelled (the account had no live session).
      [{ status: 'disabled' }, { status: 'active' }],
      [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, { expiresAt: null }],
    ] as Record<string, unknown>[][]) {
      const email = uniqueEmail();
      const user = await createUser({ company: t.east1, email, mfa: { appLogin: 'email' } });
      const res = await startLogin(user.username, 'app');
      const code = await latestCode(email);
      for (const change of changes) {
        const edit = await call(t.token, 'PATCH', `/users/${user.id}`, change);
        expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      }
      const done = await verifyCode(String(res.body.challengeId), code);
      expect(done.body.error?.code, JSON.stringify(changes)).toBe('CHALLENGE_ENDED');
      expect(await sessionsOf(user.id)).toHaveLength(0);
    }
  });

  it('ending all sessions of an account also ends its logins waiting for a code', async () => {
    const t = await twoTrees();
    const email = uniqueEmail();
    const user = await createUser({ company: t.east1, email, mfa: { appLogin: 'email' } });
    const res = await startLogin(user.username, 'app');
    const code = await latestCode(email);
    expect((await call(t.token, 'DELETE', `/users/${user.id}/sessions`)).status).toBe(200);
    expect((await verifyCode(String(res.body.challengeId), code)).body.error?.code).toBe(
      'CHALLENGE_ENDED',
    );
  });

  it('resends never keep an attempt alive past its maximum age', async () => {
    const user = await emailAccount();
    const res = await startLogin(user.username, 'app');
    const challengeId = String(res.body.challengeId);
    await inHub(
      user.id,
      'UPDATE codes SET sent_at = sent_at - ?, started_at = started_at - ?',
      61_000,
      EMAIL_CODE_RULES.attemptMaxMinutes * 60_000,
    );
    const resent = await resendCode(challengeId);
    expect(resent.body.error?.code).toBe('CHALLENGE_ENDED');
    expect(await inHub(user.id, 'SELECT id FROM codes')).toHaveLength(0);
  });

  it('caps wrong codes per account and day, across attempts opened before the guessing', async () => {
    const user = await emailAccount();
    const perAttempt = EMAIL_CODE_RULES.maxWrongTries;
    const attempts = EMAIL_CODE_RULES.wrongCodesPerDay / perAttempt + 1;
    const opened: { challengeId: string; code: string }[] = [];
    for (let i = 0; i < attempts; i++) {
      const res = await startLogin(user.username, 'app');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      opened.push({
        challengeId: String(res.body.challengeId),
        code: await latestCode(user.email),
      });
    }
    const last = opened.pop();
    for (const { challengeId, code } of opened) {
      for (let i = 0; i < perAttempt; i++) {
        expect((await verifyCode(challengeId, wrongCode(code))).body.error?.code).toBe(
          'CODE_INVALID',
        );
      }
    }
    // The day's guesses are spent: an attempt opened earlier is not checked, even with its code.
    const spent = await verifyCode(String(last?.challengeId), String(last?.code));
    expect(spent.status).toBe(429);
    expect(spent.body.error?.code).toBe('CODE_GUESS_LIMIT');
    expect(spent.body.error?.details?.retryAfterSeconds).toBeGreaterThan(80_000);
    await inHub(user.id, 'DELETE FROM code_sends');
    expect((await startLogin(user.username, 'app')).body.error?.code).toBe('CODE_GUESS_LIMIT');
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('a new password gives the owner its codes back after an intruder spent them', async () => {
    const t = await twoTrees();
    const email = uniqueEmail();
    const user = await createUser({ company: t.east1, email, mfa: { appLogin: 'email' } });
    for (let i = 0; i < EMAIL_CODE_RULES.wrongCodesPerDay / EMAIL_CODE_RULES.maxWrongTries; i++) {
      const res = await startLogin(user.username, 'app');
      const code = await latestCode(email);
      for (let j = 0; j < EMAIL_CODE_RULES.maxWrongTries; j++) {
        await verifyCode(String(res.body.challengeId), wrongCode(code));
      }
    }
    expect((await startLogin(user.username, 'app')).body.error?.code).toBe('CODE_GUESS_LIMIT');
    const password = 'a-Fresh-passphrase-42';
    expect((await call(t.token, 'PATCH', `/users/${user.id}`, { password })).status).toBe(200);
    const res = await startLogin(user.username, 'app', password);
    expect(res.body.status).toBe('mfa_required');
  });

  it('a login that re-hashes an old password still finishes with its code', async () => {
    const user = await emailAccount();
    const old = await hashPassword(PASSWORD, 'test-pepper', 1000);
    await testDb().update(users).set({ passwordHash: old }).where(eq(users.id, user.id));
    const res = await startLogin(user.username, 'app');
    expect(res.body.status).toBe('mfa_required');
    const done = await verifyCode(String(res.body.challengeId), await latestCode(user.email));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const [row] = await testDb().select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^pbkdf2-sha256\$i=100000\$/);
  });
});
