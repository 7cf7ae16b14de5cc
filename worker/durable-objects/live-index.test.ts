import { env } from 'cloudflare:test';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { liveAccounts } from '../../db/schema';
import {
  appLogin,
  bearer,
  createCompany,
  createUser,
  eventually,
  ORIGIN,
  openLive,
  postJson,
  testDb,
  webLogin,
} from '../../test/worker/fixtures';
import type { Bindings } from '../env';
import { liveAmong } from './live-index';
import { endSessionsOf } from './session-hub.client';

const liveRow = (userId: string) =>
  testDb().select().from(liveAccounts).where(eq(liveAccounts.userId, userId)).get();
const isLive = async (userId: string) => ((await liveRow(userId))?.sessions ?? 0) > 0;
const logout = (token: string) => postJson('/auth/logout', {}, bearer(token));

describe('the live-accounts index', () => {
  it('says live from the first sign-in until the last session ends, and never for an account that never signed in', async () => {
    const company = await createCompany('Live index');
    const user = await createUser({ company });
    const idle = await createUser({ company });
    const first = await appLogin(user.username);
    expect(await isLive(user.id)).toBe(true);
    const second = await appLogin(user.username);
    expect((await logout(first)).status).toBe(200);
    // One session remains: the row must stay live (checked after the hub's alarm had its chance).
    await expect(eventually(async () => !(await isLive(user.id)), 500)).rejects.toThrow();
    expect((await logout(second)).status).toBe(200);
    await eventually(async () => !(await isLive(user.id)), 10_000);
    expect(await liveRow(idle.id)).toBeUndefined();
    const ids = sql`SELECT value FROM json_each(${JSON.stringify([user.id, idle.id])})`;
    expect(await testDb().all(liveAmong(ids))).toEqual([]);
  });

  it('an exclusive sign-in that ends the other sessions keeps the account live', async () => {
    const company = await createCompany('Live exclusive');
    const user = await createUser({ company, exclusive: true });
    await appLogin(user.username);
    await appLogin(user.username);
    await expect(eventually(async () => !(await isLive(user.id)), 500)).rejects.toThrow();
    expect(await isLive(user.id)).toBe(true);
  });

  it('a large fan-out goes through a stored job and reaches every live socket', async () => {
    const company = await createCompany('Live fan-out');
    const users = await Promise.all(Array.from({ length: 80 }, () => createUser({ company })));
    const live = users.slice(0, 20);
    const sockets: Awaited<ReturnType<typeof openLive>>[] = [];
    for (const u of live) {
      sockets.push(await openLive({ cookie: await webLogin(u.username), origin: ORIGIN }));
    }
    const ids = sql`SELECT value FROM json_each(${JSON.stringify(users.map((u) => u.id))})`;
    const liveIds = (await testDb().all<{ id: string }>(liveAmong(ids))).map((r) => r.id);
    expect(liveIds.sort()).toEqual(live.map((u) => u.id).sort());
    // All 80 (more than a request tells directly) go to a FanOut job; the idle ones cost a wake.
    await endSessionsOf(
      env as Bindings,
      users.map((u) => u.id),
      'account_disabled',
    );
    await eventually(
      () => sockets.every((s) => s.messages.some((m) => m.type === 'kicked')),
      15_000,
    );
  });
});
