import { describe, expect, it } from 'vitest';
import {
  api,
  appLogin,
  bearer,
  createUser,
  eventually,
  openLive,
  PASSWORD,
} from '../../../test/worker/fixtures';
import { call, newUserBody, twoTrees } from '../../../test/worker/org-fixtures';

const newUser = (companyId: string, extra: Record<string, unknown> = {}) =>
  newUserBody(companyId, { email: 'new.person@example.com', phone: '+49 30 1234567', ...extra });

describe('users', () => {
  it('creates a user who can log in, and reads it back with its effective permissions', async () => {
    const t = await twoTrees();
    const input = newUser(t.east.id, { permissions: ['web.monitor.map'] });
    const created = await call(t.token, 'POST', '/users', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: input.username,
      companyId: t.east.id,
      relatedCompanyId: t.east.id,
      parentUserId: null,
      permissions: ['web.monitor.map'],
      effectivePermissions: ['web.monitor.map'],
    });
    expect(created.body).not.toHaveProperty('password');
    const token = await appLogin(input.username, input.password);
    const me = await api('/me', { headers: bearer(token) });
    expect(((await me.json()) as { permissions: string[] }).permissions).toEqual([
      'web.monitor.map',
    ]);
  });

  it('keeps usernames unique platform-wide, ignoring case', async () => {
    const t = await twoTrees();
    const input = newUser(t.east.id);
    expect((await call(t.token, 'POST', '/users', input)).status).toBe(201);
    const again = await call(t.token, 'POST', '/users', {
      ...input,
      username: input.username.toUpperCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'USERNAME_TAKEN', field: 'username' });
  });

  it('edits a user and shows the saved values', async () => {
    const t = await twoTrees();
    const created = await call(t.token, 'POST', '/users', newUser(t.east.id));
    const id = created.body.id as string;
    const patched = await call(t.token, 'PATCH', `/users/${id}`, {
      displayName: 'Renamed Person',
      relatedCompanyId: t.east1.id,
      expiresAt: '2031-01-01T00:00:00.000Z',
      permissions: ['web.reports.mileage'],
    });
    expect(patched.status).toBe(200);
    const read = await call(t.token, 'GET', `/users/${id}`);
    expect(read.body).toMatchObject({
      displayName: 'Renamed Person',
      relatedCompanyId: t.east1.id,
      expiresAt: '2031-01-01T00:00:00.000Z',
      permissions: ['web.reports.mileage'],
    });
  });

  it('creates sub-users whose scope lies inside the parent’s', async () => {
    const t = await twoTrees();
    const parent = await call(t.token, 'POST', '/users', newUser(t.east.id));
    const pid = parent.body.id as string;
    const child = await call(
      t.token,
      'POST',
      '/users',
      newUser(t.east1.id, { parentUserId: pid, relatedCompanyId: t.east1.id }),
    );
    expect(child.status).toBe(201);
    expect(child.body.parentUserId).toBe(pid);
    const wide = await call(
      t.token,
      'POST',
      '/users',
      newUser(t.west.id, { parentUserId: pid, relatedCompanyId: t.west.id }),
    );
    expect(wide.status).toBe(409);
    expect(wide.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', field: 'relatedCompanyId' });
    const list = await call(t.token, 'GET', `/companies/${t.east.id}/users`);
    const row = (list.body.users as { id: string; subUserCount: number }[]).find(
      (u) => u.id === pid,
    );
    expect(row?.subUserCount).toBe(1);
    expect((await call(t.token, 'GET', `/users/${pid}`)).body.subUserCount).toBe(1);
    const subs = await call(t.token, 'GET', `/users/${pid}/subusers`);
    expect((subs.body.users as { id: string }[]).map((u) => u.id)).toEqual([child.body.id]);
  });

  it('lists a company’s users with cursor pagination and server-side search', async () => {
    const t = await twoTrees();
    for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
      await call(
        t.token,
        'POST',
        '/users',
        newUser(t.west.id, {
          username: `${name}-${t.west.id.slice(3, 9)}`,
          displayName: name.toUpperCase(),
        }),
      );
    }
    const first = await call(t.token, 'GET', `/companies/${t.west.id}/users?limit=2`);
    const page1 = first.body.users as { username: string }[];
    expect(page1.map((u) => u.username.split('-')[0])).toEqual(['alpha', 'bravo']);
    const second = await call(
      t.token,
      'GET',
      `/companies/${t.west.id}/users?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(
      (second.body.users as { username: string }[]).map((u) => u.username.split('-')[0]),
    ).toEqual(['charlie', 'delta']);
    const third = await call(
      t.token,
      'GET',
      `/companies/${t.west.id}/users?limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(third.body.nextCursor).toBeNull();
    const search = await call(t.token, 'GET', `/companies/${t.west.id}/users?q=CHAR`);
    expect((search.body.users as { displayName: string }[]).map((u) => u.displayName)).toEqual([
      'CHARLIE',
    ]);
  });

  it('deletes a user with all its sub-users at every depth and ends their sessions live', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east });
    const child = await createUser({ company: t.east, parentUserId: parent.id });
    const grandChild = await createUser({ company: t.east, parentUserId: child.id });
    const bystander = await createUser({ company: t.east });
    const grandToken = await appLogin(grandChild.username);
    const ticket = await api('/live/ticket', { method: 'POST', headers: bearer(grandToken) });
    const live = await openLive(
      {},
      `?ticket=${((await ticket.json()) as { ticket: string }).ticket}`,
    );

    const preview = await call(t.token, 'DELETE', `/users/${parent.id}?dryRun=1`);
    expect(preview.body).toEqual({ deleted: 3 });
    expect((await call(t.token, 'GET', `/users/${child.id}`)).status).toBe(200);

    const done = await call(t.token, 'DELETE', `/users/${parent.id}`);
    expect(done.body).toEqual({ deleted: 3 });
    for (const id of [parent.id, child.id, grandChild.id]) {
      expect((await call(t.token, 'GET', `/users/${id}`)).status).toBe(404);
    }
    expect((await call(t.token, 'GET', `/users/${bystander.id}`)).status).toBe(200);
    await eventually(() => live.messages.some((m) => m.type === 'kicked'));
    expect(live.messages.at(-1)).toEqual({ type: 'kicked', reason: 'account_deleted' });
    expect((await api('/me', { headers: bearer(grandToken) })).status).toBe(401);
    const login = await api('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: parent.username, password: PASSWORD, client: 'app' }),
    });
    expect(login.status).toBe(401);
  });

  it('refuses to delete the caller itself or one of its ancestors', async () => {
    const t = await twoTrees();
    const self = await call(t.token, 'DELETE', `/users/${t.admin.id}`);
    expect(self.body.error).toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'self' },
    });
  });

  it('syncs an expiry to a whole company, with a dry-run count first, and optionally subsidiaries', async () => {
    const t = await twoTrees();
    const a = await createUser({ company: t.east });
    await createUser({ company: t.east });
    await createUser({ company: t.east1 });
    const body = {
      expiresAt: '2030-06-01T00:00:00.000Z',
      applyToCompany: true,
      includeSubsidiaries: false,
    };
    const dry = await call(t.token, 'PUT', `/users/${a.id}/expiry?dryRun=1`, body);
    expect(dry.body).toEqual({ updated: 2, skipped: 0 });
    expect((await call(t.token, 'GET', `/users/${a.id}`)).body.expiresAt).toBeNull();
    const done = await call(t.token, 'PUT', `/users/${a.id}/expiry`, body);
    expect(done.body).toEqual({ updated: 2, skipped: 0 });
    const again = await call(t.token, 'PUT', `/users/${a.id}/expiry`, body);
    expect(again.body).toEqual({ updated: 0, skipped: 0 });
    const withSubs = await call(t.token, 'PUT', `/users/${a.id}/expiry`, {
      ...body,
      includeSubsidiaries: true,
    });
    expect(withSubs.body).toEqual({ updated: 1, skipped: 0 });
    const single = await call(t.token, 'PUT', `/users/${a.id}/expiry`, { expiresAt: null });
    expect(single.body).toEqual({ updated: 1, skipped: 0 });
  });

  it('ends the sessions of accounts an expiry in the past expires, sub-users included', async () => {
    const t = await twoTrees();
    const u = await createUser({ company: t.east });
    const sub = await createUser({ company: t.east, parentUserId: u.id });
    const token = await appLogin(u.username);
    const subTicket = await api('/live/ticket', {
      method: 'POST',
      headers: bearer(await appLogin(sub.username)),
    });
    const live = await openLive(
      {},
      `?ticket=${((await subTicket.json()) as { ticket: string }).ticket}`,
    );
    const res = await call(t.token, 'PUT', `/users/${u.id}/expiry`, {
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    // The sub-user's own date is carried down: it cannot outlive its parent.
    expect(res.body).toEqual({ updated: 2, skipped: 0 });
    expect((await api('/me', { headers: bearer(token) })).status).toBe(401);
    await eventually(() => live.messages.some((m) => m.type === 'kicked'));
    expect(live.messages.at(-1)).toEqual({ type: 'kicked', reason: 'account_expired' });
  });

  it('explains which role or grant gives a permission, or which ancestor removes it', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east, permissions: ['web.monitor.map'] });
    const child = await createUser({
      company: t.east,
      parentUserId: parent.id,
      permissions: ['web.monitor.map'],
      roles: [['web.reports.mileage', 'web.monitor.map']],
    });
    const held = await call(
      t.token,
      'GET',
      `/users/${child.id}/explain?permission=web.monitor.map`,
    );
    expect(held.body).toMatchObject({ held: true, direct: true, removedBy: null });
    expect((held.body.roles as unknown[]).length).toBe(1);
    const removed = await call(
      t.token,
      'GET',
      `/users/${child.id}/explain?permission=web.reports.mileage`,
    );
    expect(removed.body).toMatchObject({
      held: false,
      direct: false,
      removedBy: { id: parent.id },
    });
  });
});

describe('the grant ceiling', () => {
  async function limitedActor() {
    const t = await twoTrees();
    const expires = new Date(Date.now() + 30 * 86_400_000);
    const limited = await createUser({
      company: t.east,
      expiresAt: expires,
      permissions: [
        'function.users.view',
        'function.users.create',
        'function.users.edit',
        'function.users.expiry.edit',
        'web.monitor.map',
      ],
    });
    return { ...t, limited, limitedToken: await appLogin(limited.username), expires };
  }

  it('refuses a direct grant the creator does not hold, naming it', async () => {
    const t = await limitedActor();
    const res = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, {
        permissions: ['web.monitor.map', 'web.reports.mileage'],
        expiresAt: t.expires.toISOString(),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'GRANT_EXCEEDS_OWN',
      field: 'permissions',
      details: { permission: 'web.reports.mileage' },
    });
  });

  it('refuses a role holding a permission the creator does not hold', async () => {
    const t = await limitedActor();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Reporter',
      companyId: t.east.id,
      permissions: ['web.reports.mileage'],
    });
    const res = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, { roleIds: [role.body.id], expiresAt: t.expires.toISOString() }),
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'GRANT_EXCEEDS_OWN', field: 'roleIds' });
  });

  it('refuses a scope outside the creator’s own with 404', async () => {
    const t = await limitedActor();
    const res = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, { relatedCompanyId: t.acme.id, expiresAt: t.expires.toISOString() }),
    );
    expect(res.status).toBe(404);
    expect(res.body.error?.field).toBe('relatedCompanyId');
  });

  it('refuses an expiry later than the creator’s own, or none at all', async () => {
    const t = await limitedActor();
    const never = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, { expiresAt: null }),
    );
    expect(never.body.error).toMatchObject({ code: 'EXPIRY_EXCEEDS_OWN', field: 'expiresAt' });
    const later = new Date(t.expires.getTime() + 86_400_000).toISOString();
    const tooLate = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, { expiresAt: later }),
    );
    expect(tooLate.body.error?.code).toBe('EXPIRY_EXCEEDS_OWN');
    const ok = await call(
      t.limitedToken,
      'POST',
      '/users',
      newUser(t.east.id, { expiresAt: t.expires.toISOString(), permissions: ['web.monitor.map'] }),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses to sync an expiry to a company without the sync permission', async () => {
    const t = await limitedActor();
    const res = await call(t.limitedToken, 'PUT', `/users/${t.limited.id}/expiry`, {
      expiresAt: t.expires.toISOString(),
      applyToCompany: true,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'PERMISSION_REQUIRED',
      details: { permission: 'function.users.expiry.sync' },
    });
  });
});

describe('reads follow the scope', () => {
  it('the sub-user list leaves out sub-users of a company outside the reader’s scope', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east1, relatedCompany: t.acme });
    const inside = await createUser({ company: t.east1, parentUserId: parent.id });
    await createUser({ company: t.west, parentUserId: parent.id });
    const reader = await createUser({ company: t.east1, permissions: ['function.users.view'] });
    const listed = await call(
      await appLogin(reader.username),
      'GET',
      `/users/${parent.id}/subusers`,
    );
    expect(listed.status).toBe(200);
    expect((listed.body.users as { id: string }[]).map((u) => u.id)).toEqual([inside.id]);
    // The admin of the whole tree sees both.
    const all = await call(t.token, 'GET', `/users/${parent.id}/subusers`);
    expect((all.body.users as unknown[]).length).toBe(2);
  });

  it('the explanation does not name an ancestor outside the reader’s scope', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.west, relatedCompany: t.acme });
    const sub = await createUser({
      company: t.east1,
      parentUserId: parent.id,
      permissions: ['web.alerts.view'],
    });
    const reader = await createUser({ company: t.east1, permissions: ['function.users.view'] });
    const path = `/users/${sub.id}/explain?permission=web.alerts.view`;
    const hidden = await call(await appLogin(reader.username), 'GET', path);
    expect(hidden.body).toMatchObject({ held: false, removedBy: { id: null, username: null } });
    const named = await call(t.token, 'GET', path);
    expect(named.body).toMatchObject({ removedBy: { id: parent.id, username: parent.username } });
  });
});
