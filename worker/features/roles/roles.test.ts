import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { userRoles } from '../../../db/schema';
import {
  appLogin,
  createUser,
  eventually,
  ORIGIN,
  openLive,
  testDb,
  webLogin,
} from '../../../test/worker/fixtures';
import { adminActorOf, call, newUserBody, twoTrees } from '../../../test/worker/org-fixtures';
import type { ServiceContext } from '../../authority/service-context';
import type { Bindings } from '../../env';
import { noFaults } from '../../lib/faults';
import { roleQuery } from './roles.repo';
import { deleteRole, updateRole } from './roles.service';

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

describe('role edits and deletes act on every holder', () => {
  it('tells the holders with live sessions, and names every holder in the deletion’s audit entry', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Told',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const holders = [await createUser({ company: t.east }), await createUser({ company: t.east })];
    await testDb()
      .insert(userRoles)
      .values(holders.map((h) => ({ userId: h.id, roleId: String(role.body.id) })));
    // A sub-user of a holder holds at most what its parent does: it is told too.
    const subUser = await createUser({ company: t.east, parentUserId: String(holders[1]?.id) });
    const live = await openLive({
      cookie: await webLogin(String(holders[0]?.username)),
      origin: ORIGIN,
    });
    const liveSub = await openLive({ cookie: await webLogin(subUser.username), origin: ORIGIN });
    await call(t.token, 'PATCH', `/roles/${role.body.id}`, { permissions: ['web.alerts.view'] });
    await eventually(() => live.messages.some((m) => m.type === 'permissions_changed'), 5000);
    await eventually(() => liveSub.messages.some((m) => m.type === 'permissions_changed'), 5000);
    const done = await call(t.token, 'DELETE', `/roles/${role.body.id}?force=1`);
    expect(done.body).toEqual({ deleted: 1, users: 2 });
    const log = await call(t.token, 'GET', `/audit?action=role.delete&targetId=${role.body.id}`);
    const [entry] = log.body.entries as { summary: string; before: { holders: string[] } }[];
    expect(entry?.summary).toBe('Deleted role “Told” (held by 2)');
    expect(entry?.before.holders.sort()).toEqual(holders.map((h) => String(h.id)).sort());
  });

  it('a weaker editor adding what it lacks to a role held above it hears about the holders first', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Strong',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const strong = newUserBody(t.east.id, {
      roleIds: [role.body.id],
      permissions: ['web.reports.mileage'],
    });
    expect((await call(t.token, 'POST', '/users', strong)).status).toBe(201);
    const editor = await createUser({
      company: t.east,
      permissions: ['function.roles.view', 'function.roles.edit', 'web.monitor.map'],
    });
    const res = await call(await appLogin(editor.username), 'PATCH', `/roles/${role.body.id}`, {
      permissions: ['web.monitor.map', 'web.alerts.view'],
    });
    expect(res.body.error).toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'more_permissions', holders: 1 },
    });
  });

  it('a holder that became stronger since the role was read stops the edit and the delete', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'Raced',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const holder = await call(
      t.token,
      'POST',
      '/users',
      newUserBody(t.east.id, { roleIds: [role.body.id] }),
    );
    const actor = adminActorOf(t, ['web.monitor.map']);
    const ctx: ServiceContext = {
      db: testDb(),
      env: env as Bindings,
      actor,
      fault: noFaults,
      defer: () => {},
    };
    const [stale] = await roleQuery(ctx.db, t.admin.id, String(role.body.id));
    // Read while every holder was below the actor; then the holder gains what the actor lacks.
    const widened = await call(t.token, 'PATCH', `/users/${holder.body.id}`, {
      permissions: ['web.reports.mileage'],
    });
    expect(widened.status).toBe(200);
    await expect(updateRole(ctx, stale, { name: 'Renamed' })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
    });
    await expect(deleteRole(ctx, stale, { dryRun: false, force: true })).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
    });
    const [still] = await roleQuery(ctx.db, t.admin.id, String(role.body.id));
    expect(still).toMatchObject({ name: 'Raced', userCount: 1 });
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
