import { env, runInDurableObject } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import {
  api,
  appLogin,
  bearer,
  createCompany,
  createUser,
  ORIGIN,
  PASSWORD,
  postJson,
  testDb,
} from '../../../test/worker/fixtures';
import { LoginThrottle } from '../../durable-objects/login-throttle';
import { FREE_FAILURES } from '../../durable-objects/login-throttle.client';
import type { Bindings } from '../../env';

/** Sign-in guesses fired at once, and password changes. */
const PARALLEL = 200;
const PARALLEL_CHANGES = 50;

/** A documentation address (RFC 3849) no other test uses, so budgets are not shared. */
const freshAddress = () => {
  const hex = crypto.randomUUID();
  return `2001:db8::${hex.slice(0, 4)}:${hex.slice(9, 13)}:${hex.slice(14, 18)}`;
};

const login = (username: string, password: string, ip: string) =>
  postJson('/auth/login', { username, password, client: 'app' }, { 'cf-connecting-ip': ip });

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: number;
}

async function answersOf(responses: Response[]): Promise<Answer[]> {
  return Promise.all(
    responses.map(async (res) => ({
      status: res.status,
      code: ((await res.json()) as { error?: { code: string } }).error?.code,
      retryAfter: Number(res.headers.get('retry-after') ?? 0),
    })),
  );
}

/** Every answer of requests sent since `started`, and how long the whole burst took. */
async function settled(requests: Promise<Response>[], started = Date.now()) {
  const answers = await answersOf(await Promise.all(requests));
  return Object.assign(answers, { ms: Date.now() - started });
}

/**
 * Fires `count` wrong guesses at once and, as soon as `free` of them have been answered — the
 * budget is then spent, whatever order the burst reached the throttle in — the right one.
 * Sent inside the burst instead, a loaded machine could deliver it among the first `free`.
 */
async function burstThenRight(
  count: number,
  wrong: (i: number) => Promise<Response>,
  right: () => Promise<Response>,
  free: number,
) {
  const started = Date.now();
  let answered = 0;
  let release = () => {};
  const spent = new Promise<void>((resolve) => {
    release = resolve;
  });
  const guesses = Array.from({ length: count }, (_, i) =>
    wrong(i).then((res) => {
      answered++;
      if (answered >= free) release();
      return res;
    }),
  );
  const answers = await settled([...guesses, spent.then(right)], started);
  const rightAnswer = answers.pop();
  return { answers: Object.assign(answers, { ms: answers.ms }), right: rightAnswer };
}

/** Fires `count` requests at once (request `i` made by `send(i)`) and reads every answer. */
const inParallel = (count: number, send: (i: number) => Promise<Response>) =>
  settled(Array.from({ length: count }, (_, i) => send(i)));

/**
 * Attempts the policy lets through beyond the free ones during a burst lasting `ms`: after
 * them each attempt waits 1 s, 2 s, 4 s … from the last failure. None for a burst that reaches
 * the throttle within a second; a loaded test machine can stretch one past that.
 */
const laterAllowed = (ms: number) => Math.floor(Math.log2(ms / 1000 + 1));

/**
 * Every answer is either `evaluated` (the password was checked) or a RATE_LIMITED 429 with
 * Retry-After, and at most `free` (plus what the policy allows for the burst's length) were
 * evaluated.
 */
function expectCapped(
  answers: Answer[] & { ms: number },
  evaluated: Partial<Answer>,
  free: number,
) {
  const checked = answers.filter((a) => a.status !== 429);
  const limited = answers.filter((a) => a.status === 429);
  for (const a of checked) expect(a).toMatchObject(evaluated);
  for (const a of limited) {
    expect(a.code).toBe('RATE_LIMITED');
    expect(a.retryAfter).toBeGreaterThan(0);
  }
  expect(checked.length).toBeGreaterThan(0);
  expect(checked.length).toBeLessThanOrEqual(free + laterAllowed(answers.ms));
}

describe('parallel guessing', { timeout: 60_000 }, () => {
  it('evaluates at most the account’s free failures; the right password among them is refused', async () => {
    const company = await createCompany('Parallel');
    const user = await createUser({ company });
    const ip = freshAddress();
    const { answers, right } = await burstThenRight(
      PARALLEL,
      (i) => login(user.username, `wrong guess ${i}`, ip),
      () => login(user.username, PASSWORD, ip),
      FREE_FAILURES.account,
    );
    expectCapped(answers, { status: 401, code: 'INVALID_CREDENTIALS' }, FREE_FAILURES.account);
    expect(right).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('evaluates at most the address’s free failures across usernames', async () => {
    const company = await createCompany('Spray');
    const user = await createUser({ company });
    const ip = freshAddress();
    const { answers, right } = await burstThenRight(
      PARALLEL,
      (i) => login(`spray_${i}_${crypto.randomUUID().slice(0, 6)}`, 'wrong', ip),
      () => login(user.username, PASSWORD, ip),
      FREE_FAILURES.ip,
    );
    expectCapped(answers, { status: 401, code: 'INVALID_CREDENTIALS' }, FREE_FAILURES.ip);
    expect(right).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // It was the address that refused: the account was not charged, from elsewhere it works.
    expect((await login(user.username, PASSWORD, freshAddress())).status).toBe(200);
  });

  it('caps wrong current passwords on a password change the same way, and changes nothing', async () => {
    const company = await createCompany('Change');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const hashOf = async () =>
      (
        await testDb()
          .select({ hash: users.passwordHash })
          .from(users)
          .where(eq(users.id, user.id))
          .get()
      )?.hash;
    const before = await hashOf();
    const change = (currentPassword: string) =>
      api('/me/password', {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ currentPassword, newPassword: 'a-brand-new-Password-9' }),
      });
    const started = Date.now();
    // Fewer than at sign-in: each request is first authenticated against the database, and with
    // 200 at once the test's sqld failed some of those queries (500).
    const guesses = Array.from({ length: PARALLEL_CHANGES }, (_, i) => change(`wrong ${i}`));
    // The right one goes as soon as the budget is spent. (Sent within the burst, authentication
    // shuffles the order in which requests reach the throttle: it could be one of the first.)
    await Promise.any(
      guesses.map(async (res) => {
        if ((await res).status !== 429) throw new Error('evaluated');
      }),
    );
    const right = await answersOf([await change(PASSWORD)]);
    expect(right[0]).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const answers = await settled(guesses, started);
    expectCapped(answers, { status: 400, code: 'VALIDATION_FAILED' }, FREE_FAILURES.account);
    expect(await hashOf()).toBe(before);
  });
});

describe('settling', () => {
  it('a right password after 4 failures gets in and forgets the account’s failures', async () => {
    const company = await createCompany('Settle');
    const user = await createUser({ company });
    const ip = freshAddress();
    for (let i = 0; i < 4; i++) expect((await login(user.username, 'wrong', ip)).status).toBe(401);
    expect((await login(user.username, PASSWORD, ip)).status).toBe(200);
    // Counted from zero again: five more free failures, then the wait.
    for (let i = 0; i < FREE_FAILURES.account; i++) {
      expect((await login(user.username, 'wrong', ip)).status).toBe(401);
    }
    expect((await login(user.username, PASSWORD, ip)).status).toBe(429);
  });

  it('does not charge an address for attempts its account refused', async () => {
    const company = await createCompany('Locked');
    const locked = await createUser({ company });
    // Ten recent failures: a 32 s wait, long enough for the test to be no race against it.
    const account = env.LOGIN_THROTTLE.get(
      env.LOGIN_THROTTLE.idFromName(`acct:${locked.username}`),
    );
    await runInDurableObject(account, (_t: LoginThrottle, state) => {
      for (let i = 0; i < 10; i++) {
        state.storage.sql.exec('INSERT INTO attempts VALUES (?, ?, 0)', `f${i}`, Date.now());
      }
    });
    const ip = freshAddress();
    const refused = await inParallel(30, () => login(locked.username, 'wrong', ip));
    expect(refused.every((a) => a.status === 429)).toBe(true);
    // The address still has its whole budget: exactly that many evaluated, one more refused.
    const spray = await inParallel(FREE_FAILURES.ip + 1, () =>
      login(`nobody_${crypto.randomUUID().slice(0, 8)}`, 'wrong', ip),
    );
    const statuses = spray.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(FREE_FAILURES.ip).fill(401), 429]);
  });

  it('on success forgets the settled failures but not the guesses still being checked', async () => {
    const key = `acct:beside_${crypto.randomUUID().slice(0, 8)}`;
    const stub = env.LOGIN_THROTTLE.get(env.LOGIN_THROTTLE.idFromName(key));
    const reserve = async () => {
      const reserved = await stub.reserve(FREE_FAILURES.account);
      if (!reserved.ok) throw new Error('refused');
      return reserved.attemptId;
    };
    for (let i = 0; i < 2; i++) await stub.settle(await reserve(), 'failed');
    await reserve();
    await reserve();
    await stub.settle(await reserve(), 'succeeded');
    // The two failures are gone, the two pending guesses still count: three more, then a wait.
    for (let i = 0; i < FREE_FAILURES.account - 2; i++) await reserve();
    expect(await stub.reserve(FREE_FAILURES.account)).toMatchObject({ ok: false });
  });

  it('keeps failures counted under the previous storage layout', async () => {
    const stub = env.LOGIN_THROTTLE.get(env.LOGIN_THROTTLE.idFromName('acct:legacy'));
    const reserved = await runInDurableObject(stub, async (_t: LoginThrottle, state) => {
      await state.storage.put('failures', Array(FREE_FAILURES.account).fill(Date.now()));
      // A fresh instance on the same storage, as after a deploy.
      return new LoginThrottle(state, env as Bindings).reserve(FREE_FAILURES.account);
    });
    expect(reserved.ok).toBe(false);
  });
});
