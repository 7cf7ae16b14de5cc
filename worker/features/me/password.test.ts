import { describe, expect, it } from 'vitest';
import { api, appLogin, bearer, eventually, openLive } from '../../../test/worker/fixtures';
import { call, newUserBody, twoTrees } from '../../../test/worker/org-fixtures';

describe('the initial password', () => {
  it('must be replaced before anything but /me, logout and live works', async () => {
    const t = await twoTrees();
    const body = newUserBody(t.east.id, {
      permissions: ['function.companies.view', 'web.monitor.map'],
    });
    const created = await call(t.token, 'POST', '/users', body);
    const token = await appLogin(body.username, body.password);
    const me = await call(token, 'GET', '/me');
    expect((me.body.user as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
    const blocked = await call(token, 'GET', '/companies/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error?.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const second = await appLogin(body.username, body.password);
    const ticket = await api('/live/ticket', { method: 'POST', headers: bearer(second) });
    expect(ticket.status).toBe(200);
    const live = await openLive(
      {},
      `?ticket=${((await ticket.json()) as { ticket: string }).ticket}`,
    );

    const wrong = await call(token, 'POST', '/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'my-own-Password-2',
    });
    expect(wrong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'currentPassword' });
    const same = await call(token, 'POST', '/me/password', {
      currentPassword: body.password,
      newPassword: body.password,
    });
    expect(same.body.error?.field).toBe('newPassword');
    const done = await call(token, 'POST', '/me/password', {
      currentPassword: body.password,
      newPassword: 'my-own-Password-2',
    });
    expect(done.status).toBe(200);
    expect((await call(token, 'GET', '/companies/tree')).status).toBe(200);
    await eventually(() => live.messages.some((m) => m.type === 'kicked'));
    expect(live.messages.at(-1)).toEqual({ type: 'kicked', reason: 'password_changed' });
    expect((await api('/me', { headers: bearer(second) })).status).toBe(401);
    expect(await appLogin(body.username, 'my-own-Password-2')).toMatch(/^us_/);

    await call(t.token, 'PATCH', `/users/${created.body.id}`, { password: 'admin-set-Password-3' });
    const reset = await appLogin(body.username, 'admin-set-Password-3');
    expect((await call(reset, 'GET', '/companies/tree')).body.error?.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
  });
});
