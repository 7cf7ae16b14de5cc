import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import {
  api,
  appLogin,
  bearer,
  createCompany,
  createUser,
  eventually,
  ORIGIN,
  openLive,
  testDb,
  webLogin,
} from '../../../test/worker/fixtures';

describe('GET /live', () => {
  it('greets an authenticated WEB page over its cookie and tells it live when it logs out', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const cookie = await webLogin(user.username);
    const live = await openLive({ cookie, origin: ORIGIN });
    await eventually(() => live.messages.length > 0);
    expect(live.messages[0]?.type).toBe('hello');

    await api('/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    await eventually(() => live.messages.some((m) => m.type === 'kicked'));
    expect(live.messages.at(-1)).toEqual({ type: 'kicked', reason: 'logged_out' });
    expect((await live.closed).code).toBe(4001);
  });

  it('kicks only the session that ended, not the user’s other sessions', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const first = await appLogin(user.username);
    const second = await appLogin(user.username);
    const ticket = async (token: string) => {
      const res = await api('/live/ticket', { method: 'POST', headers: bearer(token) });
      return ((await res.json()) as { ticket: string }).ticket;
    };
    const a = await openLive({}, `?ticket=${await ticket(first)}`);
    const b = await openLive({}, `?ticket=${await ticket(second)}`);
    await api('/auth/logout', { method: 'POST', headers: bearer(first) });
    await eventually(() => a.messages.some((m) => m.type === 'kicked'));
    await new Promise((r) => setTimeout(r, 100));
    expect(b.messages.map((m) => m.type)).toEqual(['hello']);
    expect((await api('/me', { headers: bearer(second) })).status).toBe(200);
  });

  it('refuses an upgrade without a session, or from another Origin', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const cookie = await webLogin(user.username);
    const anonymous = await api('/live', { headers: { upgrade: 'websocket', origin: ORIGIN } });
    expect(anonymous.status).toBe(401);
    const foreign = await api('/live', {
      headers: { upgrade: 'websocket', cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe(
      'ORIGIN_REJECTED',
    );
    const noOrigin = await api('/live', { headers: { upgrade: 'websocket', cookie } });
    expect(noOrigin.status).toBe(403);
  });

  it('accepts a bearer client’s ticket once only', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const res = await api('/live/ticket', { method: 'POST', headers: bearer(token) });
    const { ticket } = (await res.json()) as { ticket: string };
    const live = await openLive({}, `?ticket=${ticket}`);
    await eventually(() => live.messages.length > 0);
    const replay = await api(`/live?ticket=${ticket}`, { headers: { upgrade: 'websocket' } });
    expect(replay.status).toBe(401);
  });

  it('answers 426 to a plain GET', async () => {
    const res = await api('/live');
    expect(res.status).toBe(426);
  });

  it('ends the sessions of an account that expired and tells its open screen on the next request', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const res = await api('/live/ticket', { method: 'POST', headers: bearer(token) });
    const live = await openLive({}, `?ticket=${((await res.json()) as { ticket: string }).ticket}`);
    await testDb()
      .update(users)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    const refused = await api('/me', { headers: bearer(token) });
    expect(refused.status).toBe(401);
    await eventually(() => live.messages.some((m) => m.type === 'kicked'));
    expect(live.messages.at(-1)).toEqual({ type: 'kicked', reason: 'account_expired' });
  });

  it('refuses the sessions of a sub-user whose parent was disabled', async () => {
    const company = await createCompany('Acme');
    const parent = await createUser({ company });
    const child = await createUser({ company, parentUserId: parent.id });
    const token = await appLogin(child.username);
    expect((await api('/me', { headers: bearer(token) })).status).toBe(200);
    await testDb().update(users).set({ status: 'disabled' }).where(eq(users.id, parent.id));
    expect((await api('/me', { headers: bearer(token) })).status).toBe(401);
  });
});
