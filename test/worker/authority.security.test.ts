import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSION_KEYS } from '../../schemas/permissions';
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
  typedClient,
} from './fixtures';
import { call, newUserBody, twoTrees } from './org-fixtures';

const DAY = 86_400_000;

/**
 * Sub-users of the tree at `path` (by company) that outlive their parent or see outside its
 * scope: 0 when the chain is ordered.
 */
async function disorderedPairs(path: string): Promise<number> {
  const row = await testDb().get<{ n: number }>(sql`
    SELECT count(*) AS n FROM users child
      JOIN users parent ON parent.id = child.parent_user_id
      JOIN companies cc ON cc.id = child.related_company_id
      JOIN companies pc ON pc.id = parent.related_company_id
      JOIN companies home ON home.id = child.company_id
    WHERE home.path >= ${path} AND home.path < ${`${path}~`} AND ((parent.expires_at IS NOT NULL
        AND (child.expires_at IS NULL OR child.expires_at > parent.expires_at))
      OR NOT (cc.path >= pc.path AND cc.path < pc.path || '~'))`);
  return Number(row?.n ?? 0);
}

async function errorOf(res: { json(): Promise<unknown> }) {
  return (
    (await res.json()) as {
      error: { code: string; field?: string; details?: Record<string, unknown> };
    }
  ).error;
}

describe('a sub-user against its parent', () => {
  it('cannot reset its parent’s password, strip its grants or lift its expiry to never', async () => {
    const t = await twoTrees();
    const until = new Date(Date.now() + 10 * DAY);
    const parent = await createUser({
      company: t.east,
      permissions: [...ALL_PERMISSION_KEYS],
      expiresAt: until,
    });
    const child = await createUser({
      company: t.east,
      parentUserId: parent.id,
      permissions: [...ALL_PERMISSION_KEYS],
      expiresAt: until,
    });
    const client = typedClient(await appLogin(child.username));
    const reset = await client.users[':id'].$patch({
      param: { id: parent.id },
      json: { password: 'taken-over-Passphrase-9' },
    });
    expect(reset.status).toBe(403);
    expect(await errorOf(reset)).toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'ancestor' },
    });
    const strip = await client.users[':id'].$patch({
      param: { id: parent.id },
      json: { permissions: [] },
    });
    expect(strip.status).toBe(403);
    const never = await client.users[':id'].expiry.$put({
      param: { id: parent.id },
      query: {},
      json: { expiresAt: null },
    });
    expect(never.status).toBe(403);
    // The parent still signs in with its own password, holding all it held.
    const me = await api('/me', { headers: bearer(await appLogin(parent.username)) });
    expect(((await me.json()) as { permissions: string[] }).permissions).toHaveLength(
      ALL_PERMISSION_KEYS.length,
    );
  });

  it('cannot set "never" or a date past its parent’s expiry anywhere: the ceiling counts up the chain', async () => {
    const t = await twoTrees();
    const soon = new Date(Date.now() + 5 * DAY);
    const parent = await createUser({
      company: t.east,
      permissions: [...ALL_PERMISSION_KEYS],
      expiresAt: soon,
    });
    const child = await createUser({
      company: t.east,
      parentUserId: parent.id,
      permissions: [...ALL_PERMISSION_KEYS],
      expiresAt: soon,
    });
    const weak = await createUser({ company: t.east1, expiresAt: soon });
    const client = typedClient(await appLogin(child.username));
    const later = new Date(Date.now() + 50 * DAY).toISOString();
    const res = await client.users[':id'].expiry.$put({
      param: { id: weak.id },
      query: {},
      json: { expiresAt: later },
    });
    expect(await errorOf(res)).toMatchObject({ code: 'EXPIRY_EXCEEDS_OWN' });
  });
});

describe('own changes go through /me', () => {
  it('refuses PATCH /users/:self, even a password without the current one', async () => {
    const t = await twoTrees();
    const res = await typedClient(t.token).users[':id'].$patch({
      param: { id: t.admin.id },
      json: { password: 'brand-new-Passphrase-7' },
    });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ details: { reason: 'self' } });
    expect(
      (
        await postJson('/auth/login', {
          username: t.admin.username,
          password: PASSWORD,
          client: 'app',
        })
      ).status,
    ).toBe(200);
  });
});

describe('an admin password reset', () => {
  it('forces a change at the next sign-in and ends the target’s sessions', async () => {
    const t = await twoTrees();
    const u = await createUser({ company: t.east });
    const token = await appLogin(u.username);
    const res = await typedClient(t.token).users[':id'].$patch({
      param: { id: u.id },
      json: { password: 'admin-set-Passphrase-3' },
    });
    expect(res.status).toBe(200);
    expect((await api('/me', { headers: bearer(token) })).status).toBe(401);
    const fresh = await appLogin(u.username, 'admin-set-Passphrase-3');
    const blocked = await api('/companies/tree', { headers: bearer(fresh) });
    expect((await errorOf(blocked)).code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('the parent chain stays ordered', () => {
  it('carries an earlier parent expiry down to every sub-user, atomically with the change', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east, relatedCompany: t.acme, expiresAt: null });
    const child = await createUser({
      company: t.east,
      relatedCompany: t.acme,
      parentUserId: parent.id,
      expiresAt: null,
    });
    const grandChild = await createUser({
      company: t.west,
      parentUserId: child.id,
      expiresAt: null,
    });
    const date = new Date(Date.now() + 3 * DAY).toISOString();
    const res = await typedClient(t.token).users[':id'].$patch({
      param: { id: parent.id },
      json: { expiresAt: date },
    });
    expect(res.status).toBe(200);
    for (const id of [child.id, grandChild.id]) {
      expect((await call(t.token, 'GET', `/users/${id}`)).body.expiresAt).toBe(date);
    }
    expect(await disorderedPairs(t.acme.path)).toBe(0);
  });

  it('refuses a sub-user later than its parent, on create and on edit', async () => {
    const t = await twoTrees();
    const soon = new Date(Date.now() + 3 * DAY);
    const parent = await createUser({ company: t.east, expiresAt: soon });
    const created = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east.id, { parentUserId: parent.id, expiresAt: null }),
    );
    expect(created.status).toBe(409);
    expect(created.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', field: 'expiresAt' });
    const child = await createUser({ company: t.east, parentUserId: parent.id, expiresAt: soon });
    const lifted = await call(t.token, 'PATCH', `/users/${child.id}`, { expiresAt: null });
    expect(lifted.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', field: 'expiresAt' });
    const single = await call(t.token, 'PUT', `/users/${child.id}/expiry`, { expiresAt: null });
    expect(single.body.error).toMatchObject({ code: 'EXCEEDS_PARENT' });
    expect(await disorderedPairs(t.acme.path)).toBe(0);
  });

  it('refuses to narrow a parent’s scope while a sub-user sees outside the new one', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.acme });
    await createUser({ company: t.west, parentUserId: parent.id, relatedCompany: t.west });
    const res = await call(t.token, 'PATCH', `/users/${parent.id}`, {
      relatedCompanyId: t.east.id,
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', details: { subUsers: 1 } });
    expect(await disorderedPairs(t.acme.path)).toBe(0);
  });

  it('refuses a company move that would take a sub-user’s scope out of its parent’s', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east, relatedCompany: t.east });
    await createUser({ company: t.east1, parentUserId: parent.id, relatedCompany: t.east1 });
    const res = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, { parentId: t.west.id });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('EXCEEDS_PARENT');
    expect((await call(t.token, 'GET', `/companies/${t.east1.id}`)).body.parentId).toBe(t.east.id);
    expect(await disorderedPairs(t.acme.path)).toBe(0);
  });

  it('keeps the order through a company-wide sync: each account gets the date or its parent’s', async () => {
    const t = await twoTrees();
    const soon = new Date(Date.now() + 2 * DAY);
    const outsideParent = await createUser({
      company: t.west,
      relatedCompany: t.acme,
      expiresAt: soon,
    });
    const inside = await createUser({
      company: t.east,
      parentUserId: outsideParent.id,
      expiresAt: soon,
    });
    const peer = await createUser({ company: t.east, expiresAt: null });
    const later = new Date(Date.now() + 20 * DAY).toISOString();
    const res = await call(t.token, 'PUT', `/users/${peer.id}/expiry`, {
      expiresAt: later,
      applyToCompany: true,
    });
    expect(res.status).toBe(200);
    expect((await call(t.token, 'GET', `/users/${peer.id}`)).body.expiresAt).toBe(later);
    expect((await call(t.token, 'GET', `/users/${inside.id}`)).body.expiresAt).toBe(
      soon.toISOString(),
    );
    expect(await disorderedPairs(t.acme.path)).toBe(0);
  });

  it('holds under concurrent writes: widening a sub-user while narrowing its parent lets one through', async () => {
    const t = await twoTrees();
    for (let round = 0; round < 4; round++) {
      const parent = await createUser({ company: t.east, relatedCompany: t.acme });
      const child = await createUser({
        company: t.east1,
        relatedCompany: t.east1,
        parentUserId: parent.id,
      });
      const [widen, narrow] = await Promise.all([
        call(t.token, 'PATCH', `/users/${child.id}`, { relatedCompanyId: t.acme.id }),
        call(t.token, 'PATCH', `/users/${parent.id}`, { relatedCompanyId: t.east1.id }),
      ]);
      expect([widen.status, narrow.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      expect(await disorderedPairs(t.acme.path)).toBe(0);
    }
  });

  it('refuses a sub-user in a company its parent cannot reach', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east });
    const made = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.west.id, { parentUserId: parent.id, relatedCompanyId: t.east.id }),
    );
    expect(made.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', field: 'companyId' });
    const child = await createUser({ company: t.east1, parentUserId: parent.id });
    const moved = await call(t.token, 'PATCH', `/users/${child.id}`, { companyId: t.west.id });
    expect(moved.body.error).toMatchObject({ code: 'EXCEEDS_PARENT', field: 'companyId' });
  });

  it('skips, and counts, the accounts of a synced company that are not below the actor', async () => {
    const t = await twoTrees();
    const manager = await createUser({
      company: t.east,
      permissions: [
        'function.users.expiry.edit',
        'function.users.expiry.sync',
        'function.users.view',
      ],
    });
    const stronger = await createUser({ company: t.east, permissions: ['web.monitor.map'] });
    const weak = await createUser({ company: t.east });
    const date = new Date(Date.now() + 9 * DAY).toISOString();
    const res = await call(await appLogin(manager.username), 'PUT', `/users/${weak.id}/expiry`, {
      expiresAt: date,
      applyToCompany: true,
    });
    // The manager itself and the stronger account stay as they were.
    expect(res.body).toEqual({ updated: 1, skipped: 2 });
    expect((await call(t.token, 'GET', `/users/${stronger.id}`)).body.expiresAt).toBeNull();
    expect((await call(t.token, 'GET', `/users/${manager.id}`)).body.expiresAt).toBeNull();
  });
});

describe('an edit checks only what it changes', () => {
  it('lets a manager fix a phone while re-sending an expiry it could not set today', async () => {
    const t = await twoTrees();
    const until = new Date(Date.now() + 30 * DAY);
    const manager = await createUser({
      company: t.east,
      permissions: ['function.users.edit', 'function.users.view'],
      expiresAt: until,
    });
    // Set by the root admin to the manager's own date; the manager's session later moves on.
    const sub = await createUser({ company: t.east1, expiresAt: until });
    const token = await appLogin(manager.username);
    const res = await call(token, 'PATCH', `/users/${sub.id}`, {
      phone: '+33 1 23 45 67 89',
      expiresAt: until.toISOString(),
    });
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe('+33 1 23 45 67 89');
  });
});

describe('roles', () => {
  it('shows a read-only role’s holders within the caller’s scope only', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Shared',
      companyId: t.acme.id,
      permissions: ['web.monitor.map'],
    });
    const roleId = String(role.body.id);
    for (const company of [t.east, t.west, t.west]) {
      await call(t.token, 'POST', '/users', newUserBody(company.id, { roleIds: [roleId] }));
    }
    const branch = await createUser({
      company: t.east,
      permissions: ['function.roles.view', 'web.monitor.map'],
    });
    const list = await call(await appLogin(branch.username), 'GET', '/roles');
    const seen = (list.body.roles as { id: string; userCount: number; editable: boolean }[]).find(
      (r) => r.id === roleId,
    );
    expect(seen).toMatchObject({ editable: false, userCount: 1 });
  });

  it('refuses to edit or delete a role held by an account not below the editor', async () => {
    const t = await twoTrees();
    const editor = await createUser({
      company: t.east,
      permissions: [
        'function.roles.edit',
        'function.roles.delete',
        'function.roles.view',
        'web.monitor.map',
      ],
    });
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Ops',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const roleId = String(role.body.id);
    const strong = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east.id, { roleIds: [roleId], permissions: ['web.reports.mileage'] }),
    );
    expect(strong.status).toBe(201);
    const token = await appLogin(editor.username);
    const edit = await call(token, 'PATCH', `/roles/${roleId}`, { permissions: [] });
    expect(edit.body.error).toMatchObject({ code: 'ACCOUNT_NOT_BELOW', details: { holders: 1 } });
    const del = await call(token, 'DELETE', `/roles/${roleId}?force=1`);
    expect(del.status).toBe(403);
    expect((await call(t.token, 'GET', `/users/${strong.body.id}`)).body.roleIds).toEqual([roleId]);
  });
});

describe('roles and company moves', () => {
  it('refuses to move a company whose users hold roles owned outside the new place', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'East only',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    await createUser({ company: t.east1 });
    const holder = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east1.id, { roleIds: [String(role.body.id)] }),
    );
    expect(holder.status).toBe(201);
    const moved = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, { parentId: t.west.id });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toMatchObject({ code: 'CONFLICT', field: 'parentId' });
  });

  it('lets a move and a role assignment racing it not both land', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'East only',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const roleId = String(role.body.id);
    for (let round = 0; round < 4; round++) {
      const branch = await call(t.token, 'POST', '/companies', {
        name: `Race ${round}`,
        parentId: t.east.id,
      });
      const holder = await createUser({ company: { id: String(branch.body.id) } });
      const [assign, move] = await Promise.all([
        call(t.token, 'PATCH', `/users/${holder.id}`, { roleIds: [roleId] }),
        call(t.token, 'PATCH', `/companies/${branch.body.id}`, { parentId: t.west.id }),
      ]);
      expect([assign.status, move.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      const held = await testDb().get<{ n: number }>(sql`
        SELECT count(*) AS n FROM user_roles ur JOIN users u ON u.id = ur.user_id
          JOIN companies hc ON hc.id = u.company_id JOIN roles r ON r.id = ur.role_id
          JOIN companies oc ON oc.id = r.company_id
        WHERE u.id = ${holder.id} AND NOT (hc.path >= oc.path AND hc.path < oc.path || '~')`);
      expect(Number(held?.n)).toBe(0);
    }
  });

  it('names the permissions that make an account stronger than the actor', async () => {
    const t = await twoTrees();
    const manager = await createUser({
      company: t.east,
      permissions: ['function.users.edit', 'function.users.view'],
    });
    const strong = await createUser({ company: t.east1, permissions: ['web.monitor.video'] });
    const res = await call(await appLogin(manager.username), 'PATCH', `/users/${strong.id}`, {
      phone: '+1 555 0100',
    });
    expect(res.body.error).toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'more_permissions', permissions: ['web.monitor.video'] },
    });
  });
});

describe('names', () => {
  it.each([
    ['a right-to-left override', 'Evil\u202Egnp.exe'],
    ['a newline', 'Two\nLines'],
    ['a NUL', 'nul\u0000'],
    ['a first-strong isolate', 'x\u2068y'],
    ['a zero-width space', 'in\u200Bvisible'],
    ['a byte-order mark', 'na\uFEFFme'],
    ['a soft hyphen', 'soft\u00ADhyphen'],
    ['a tag character', 'tag\u{E0041}'],
    ['a noncharacter', 'non\uFFFF'],
    ['a Hangul filler', '\u3164'],
    ['nothing visible', '\u200D'],
    ['a combining grapheme joiner', 'Europe\u034F'],
    ['a variation selector', 'Emma\uFE0F'],
    ['only a braille blank', '\u2800'],
  ])('refuses %s in user, company and role names', async (_what, name) => {
    const t = await twoTrees();
    const user = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east.id, { displayName: name }),
    );
    expect(user.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'displayName' });
    const company = await call(t.token, 'POST', '/companies', { name, parentId: t.east.id });
    expect(company.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    const role = await call(t.token, 'POST', '/roles', {
      name,
      companyId: t.east.id,
      permissions: [],
    });
    expect(role.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });

  it('keeps letters of every script, emoji included', async () => {
    const t = await twoTrees();
    const ok = await call(t.token, 'POST', '/companies', {
      name: '北京 分公司 🚚 Zürich',
      parentId: t.east.id,
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a lone surrogate at sign-in with 400, not a 500 from the driver', async () => {
    const res = await postJson('/auth/login', {
      username: 'ab\uD800',
      password: 'x',
      client: 'app',
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'MALFORMED_TEXT', field: 'username' });
  });
});

describe('hostile bodies', () => {
  it('answers 400 to JSON nested 20 000 levels deep, not a 500 from a blown stack', async () => {
    const deep = `{"username":"x","password":"y","client":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await api('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: deep,
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('VALIDATION_FAILED');
  });
});

describe('a create racing its parent’s delete', () => {
  it('never acknowledges an account the delete then removes without counting it', async () => {
    const t = await twoTrees();
    const parent = await createUser({ company: t.east });
    const creates = Array.from({ length: 12 }, () =>
      call(t.token, 'POST', '/users', newUserBody(t.east.id, { parentUserId: parent.id })),
    );
    const deletion = call(t.token, 'DELETE', `/users/${parent.id}`);
    const [deleted, ...created] = await Promise.all([deletion, ...creates]);
    expect(deleted.status).toBe(200);
    const audit = await call(t.token, 'GET', `/audit?action=user.delete&targetId=${parent.id}`);
    const entry = (audit.body.entries as { before: { deleted: { id: string }[] } }[])[0];
    const audited = new Set(entry?.before.deleted.map((d) => d.id));
    expect(audited.size).toBe(deleted.body.deleted);
    for (const res of created) {
      expect([201, 404]).toContain(res.status);
      if (res.status !== 201) continue;
      const id = String(res.body.id);
      const stillThere = (await call(t.token, 'GET', `/users/${id}`)).status === 200;
      // An acknowledged account either exists or was deleted, counted and audited with the rest.
      expect(stillThere || audited.has(id), id).toBe(true);
      expect(stillThere && audited.has(id)).toBe(false);
    }
    // And the other way round: every account the delete took with it had been answered 201.
    const acknowledged = new Set(
      created.filter((r) => r.status === 201).map((r) => String(r.body.id)),
    );
    for (const id of audited) if (id !== parent.id) expect(acknowledged.has(id), id).toBe(true);
  });
});

describe('token rules on a fresh install', () => {
  it('let an admin with short sessions give a fleet phone long-term tokens', async () => {
    const company = await createCompany('Fleet');
    const admin = await createUser({
      company,
      permissions: [...ALL_PERMISSION_KEYS],
      ttlMinutes: 30,
    });
    const phone = await createUser({ company });
    const res = await typedClient(await appLogin(admin.username)).users[':id']['token-config'].$put(
      {
        param: { id: phone.id },
        json: { longTerm: true, ttlMinutes: 60, exclusiveLogin: true },
      },
    );
    expect(res.status).toBe(200);
  });
});
