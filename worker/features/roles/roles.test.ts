import { describe, expect, it } from 'vitest';
import { appLogin, createUser } from '../../../test/worker/fixtures';
import { call, newUserBody, twoTrees } from '../../../test/worker/org-fixtures';

describe('roles', () => {
  it('creates a role in the scope and lists it with its holders, plus read-only roles from above', async () => {
    const t = await twoTrees();
    const above = await call(t.token, 'POST', '/roles', {
      name: 'Group role',
      companyId: t.acme.id,
      permissions: ['web.monitor.map'],
    });
    const own = await call(t.token, 'POST', '/roles', {
      name: 'East role',
      companyId: t.east.id,
      permissions: ['web.alerts.view'],
    });
    expect(own.status).toBe(201);
    const manager = await createUser({ company: t.east, permissions: ['function.roles.view'] });
    // Scope the manager to East: its own company.
    const list = await call(await appLogin(manager.username), 'GET', '/roles');
    const roles = list.body.roles as { id: string; editable: boolean }[];
    expect(roles.find((r) => r.id === above.body.id)?.editable).toBe(false);
    expect(roles.find((r) => r.id === own.body.id)?.editable).toBe(true);
  });

  it('asks for confirmation before deleting a role in use and says how many hold it', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Used',
      companyId: t.east.id,
      permissions: [],
    });
    for (let i = 0; i < 2; i++) {
      await call(t.token, 'POST', '/users', newUserBody(t.east.id, { roleIds: [role.body.id] }));
    }
    const preview = await call(t.token, 'DELETE', `/roles/${role.body.id}?dryRun=1`);
    expect(preview.body).toEqual({ deleted: 0, users: 2 });
    const refused = await call(t.token, 'DELETE', `/roles/${role.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'ROLE_IN_USE', details: { users: 2 } });
    const done = await call(t.token, 'DELETE', `/roles/${role.body.id}?force=1`);
    expect(done.body).toEqual({ deleted: 1, users: 2 });
  });

  it('refuses to put a permission the editor lacks into a role', async () => {
    const t = await twoTrees();
    const editor = await createUser({
      company: t.east,
      permissions: [
        'function.roles.view',
        'function.roles.create',
        'function.roles.edit',
        'web.monitor.map',
      ],
    });
    const token = await appLogin(editor.username);
    const bad = await call(token, 'POST', '/roles', {
      name: 'X',
      companyId: t.east.id,
      permissions: ['web.reports.mileage'],
    });
    expect(bad.body.error).toMatchObject({
      code: 'GRANT_EXCEEDS_OWN',
      details: { permission: 'web.reports.mileage' },
    });
    const ok = await call(token, 'POST', '/roles', {
      name: 'X',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    expect(ok.status).toBe(201);
    const widen = await call(token, 'PATCH', `/roles/${ok.body.id}`, {
      permissions: ['web.monitor.map', 'function.roles.delete'],
    });
    expect(widen.body.error?.code).toBe('GRANT_EXCEEDS_OWN');
  });

  it('changes what holders can do at once', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'R',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const created = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east.id, { roleIds: [role.body.id] }),
    );
    await call(t.token, 'PATCH', `/roles/${role.body.id}`, { permissions: ['web.alerts.view'] });
    const read = await call(t.token, 'GET', `/users/${created.body.id}`);
    expect(read.body.effectivePermissions).toEqual(['web.alerts.view']);
  });
});

describe('audit log', () => {
  it('records who changed what, before and after, readable only inside the scope', async () => {
    const t = await twoTrees();
    const created = await call(t.token, 'POST', '/companies', {
      name: 'Audited',
      parentId: t.east.id,
    });
    await call(t.token, 'PATCH', `/companies/${created.body.id}`, { name: 'Audited 2' });
    const log = await call(t.token, 'GET', `/audit?targetId=${created.body.id}`);
    const entries = log.body.entries as {
      action: string;
      actorUsername: string;
      before: unknown;
      after: unknown;
    }[];
    expect(entries.map((e) => e.action)).toEqual(['company.update', 'company.create']);
    expect(entries[0]).toMatchObject({
      actorUsername: t.admin.username,
      before: { name: 'Audited' },
      after: { name: 'Audited 2' },
    });
    const filtered = await call(
      t.token,
      'GET',
      `/audit?action=company.create&targetId=${created.body.id}`,
    );
    expect((filtered.body.entries as unknown[]).length).toBe(1);
    const outside = await call(t.otherToken, 'GET', `/audit?targetId=${created.body.id}`);
    expect(outside.body.entries).toEqual([]);
  });
});
