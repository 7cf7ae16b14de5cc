import { describe, expect, it } from 'vitest';
import { api, bearer, createUser, ORIGIN } from './fixtures';
import { call, newUserBody, twoTrees } from './org-fixtures';
import { snapshotSubtree } from './snapshot';

/** Sends a request that fails at `fault`, midway through its transaction. */
async function withFault(
  token: string,
  fault: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await api(path, {
    method,
    headers: {
      ...bearer(token),
      'content-type': 'application/json',
      origin: ORIGIN,
      'x-gatehouse-fault': fault,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
}

describe('multi-row changes are atomic: a fault midway leaves the data as before', () => {
  it('cascade delete of a user and its sub-users', async () => {
    const t = await twoTrees();
    const parent = await createUser({
      company: t.east,
      permissions: ['web.monitor.map'],
      roles: [['web.alerts.view']],
    });
    const child = await createUser({
      company: t.east,
      parentUserId: parent.id,
      permissions: ['web.monitor.map'],
    });
    await createUser({ company: t.east, parentUserId: child.id, roles: [['web.monitor.map']] });
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(t.token, 'users.delete.midway', 'DELETE', `/users/${parent.id}`);
    expect(res.status).toBe(500);
    expect(res.body.error?.code).toBe('INTERNAL');
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
    // The same request without the fault goes through.
    expect((await call(t.token, 'DELETE', `/users/${parent.id}`)).body).toEqual({ deleted: 3 });
  });

  it('expiry sync over a company and its subsidiaries', async () => {
    const t = await twoTrees();
    const a = await createUser({ company: t.east });
    await createUser({ company: t.east1 });
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(t.token, 'users.expiry.midway', 'PUT', `/users/${a.id}/expiry`, {
      expiresAt: '2030-01-01T00:00:00.000Z',
      applyToCompany: true,
      includeSubsidiaries: true,
    });
    expect(res.status).toBe(500);
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });

  it('role edits', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'R',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(t.token, 'roles.update.midway', 'PATCH', `/roles/${role.body.id}`, {
      name: 'R2',
      permissions: ['web.alerts.view'],
    });
    expect(res.status).toBe(500);
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });

  it('role deletion', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'R',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    await call(t.token, 'POST', '/users', newUserBody(t.east.id, { roleIds: [role.body.id] }));
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(
      t.token,
      'roles.delete.midway',
      'DELETE',
      `/roles/${role.body.id}?force=1`,
    );
    expect(res.status).toBe(500);
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });

  it('moving a company re-paths its subtree or nothing', async () => {
    const t = await twoTrees();
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(
      t.token,
      'companies.move.midway',
      'PATCH',
      `/companies/${t.east.id}`,
      {
        parentId: t.west.id,
      },
    );
    expect(res.status).toBe(500);
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });

  it('user edits that replace roles and grants', async () => {
    const t = await twoTrees();
    const u = await createUser({
      company: t.east,
      permissions: ['web.monitor.map'],
      roles: [['web.alerts.view']],
    });
    const before = await snapshotSubtree(t.acme.path);
    const res = await withFault(t.token, 'users.update.midway', 'PATCH', `/users/${u.id}`, {
      displayName: 'Changed',
      roleIds: [],
      permissions: ['web.reports.mileage'],
    });
    expect(res.status).toBe(500);
    expect(await snapshotSubtree(t.acme.path)).toEqual(before);
  });
});
