import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { companies } from '../../../db/schema';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { api, bearer, createUser, ORIGIN, testDb } from '../../../test/worker/fixtures';
import { adminActorOf, call, newUserBody, twoTrees } from '../../../test/worker/org-fixtures';
import { DB_TRIPS_HEADER } from '../../middleware/database';
import { companyQuery, contentsQuery } from './companies.repo';
import { createCompany, deleteCompany } from './companies.service';

const names = (nodes: CompanyTreeNode[]): string[] =>
  nodes.flatMap((n) => [n.name, ...names(n.children)]);

describe('companies', () => {
  it('shows the caller’s scope as a tree with user counts, and nothing outside it', async () => {
    const t = await twoTrees();
    const res = await call(t.token, 'GET', '/companies/tree');
    expect(res.status).toBe(200);
    const roots = res.body.roots as CompanyTreeNode[];
    expect(roots).toHaveLength(1);
    expect(roots[0]?.name).toBe('Acme');
    expect(roots[0]?.userCount).toBe(1);
    expect(names(roots).sort()).toEqual(['Acme', 'East', 'East One', 'West']);
  });

  it('searches server-side and keeps the path to each match', async () => {
    const t = await twoTrees();
    const res = await call(t.token, 'GET', '/companies/tree?q=one');
    expect(names(res.body.roots as CompanyTreeNode[])).toEqual(['Acme', 'East', 'East One']);
  });

  it('loads the tree lazily: a depth limit, then children on demand, each with its child count', async () => {
    const t = await twoTrees();
    const shallow = await call(t.token, 'GET', '/companies/tree?depth=1');
    const roots = shallow.body.roots as CompanyTreeNode[];
    expect(names(roots).sort()).toEqual(['Acme', 'East', 'West']);
    const east = roots[0]?.children.find((c) => c.name === 'East');
    expect(east).toMatchObject({ childCount: 1, children: [] });
    const children = await call(t.token, 'GET', `/companies/${t.east.id}/children`);
    expect((children.body.children as CompanyTreeNode[]).map((c) => c.name)).toEqual(['East One']);
  });

  it('describes one company with the path to it from the caller’s scope', async () => {
    const t = await twoTrees();
    const detail = await call(t.token, 'GET', `/companies/${t.east1.id}`);
    expect(detail.body).toMatchObject({
      id: t.east1.id,
      name: 'East One',
      childCount: 0,
      userCount: 0,
    });
    expect((detail.body.trail as { name: string }[]).map((c) => c.name)).toEqual(['Acme', 'East']);
  });

  it('finds the company of a user searched by name or username', async () => {
    const t = await twoTrees();
    const u = await createUser({ company: t.west });
    const byUsername = await call(t.token, 'GET', `/companies/tree?q=${u.username.toUpperCase()}`);
    expect(names(byUsername.body.roots as CompanyTreeNode[])).toEqual(['Acme', 'West']);
  });

  it('creates, renames and moves a company, re-pathing its subtree', async () => {
    const t = await twoTrees();
    const created = await call(t.token, 'POST', '/companies', {
      name: 'Depot',
      parentId: t.east1.id,
    });
    expect(created.status).toBe(201);
    const depotId = created.body.id as string;
    const renamed = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, {
      name: 'East First',
    });
    expect(renamed.body).toMatchObject({ name: 'East First', parentId: t.east.id });
    const moved = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, { parentId: t.west.id });
    expect(moved.status).toBe(200);
    // The moved company's child moved with it: searching finds it under West now.
    const tree = await call(t.token, 'GET', '/companies/tree?q=Depot');
    expect(names(tree.body.roots as CompanyTreeNode[])).toEqual([
      'Acme',
      'West',
      'East First',
      'Depot',
    ]);
    expect(depotId).toMatch(/^co_/);
  });

  it('refuses to move a company under itself or its subsidiaries', async () => {
    const t = await twoTrees();
    const res = await call(t.token, 'PATCH', `/companies/${t.east.id}`, { parentId: t.east1.id });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'COMPANY_CYCLE', field: 'parentId' });
    const self = await call(t.token, 'PATCH', `/companies/${t.east.id}`, { parentId: t.east.id });
    expect(self.body.error?.code).toBe('COMPANY_CYCLE');
  });

  it('refuses to move or delete the caller’s own scope company', async () => {
    const t = await twoTrees();
    const move = await call(t.token, 'PATCH', `/companies/${t.acme.id}`, { parentId: t.west.id });
    expect(move.body.error?.code).toBe('SCOPE_ROOT_LOCKED');
    const del = await call(t.token, 'DELETE', `/companies/${t.acme.id}`);
    expect(del.body.error?.code).toBe('SCOPE_ROOT_LOCKED');
  });

  it('deletes only an empty company and says what is left otherwise', async () => {
    const t = await twoTrees();
    await createUser({ company: t.east1 });
    const busy = await call(t.token, 'DELETE', `/companies/${t.east.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.error?.code).toBe('COMPANY_NOT_EMPTY');
    expect(busy.body.error).toMatchObject({ details: { companies: 1, users: 0, roles: 0 } });
    const withUser = await call(t.token, 'DELETE', `/companies/${t.east1.id}`);
    expect(withUser.body.error).toMatchObject({ details: { users: 1 } });
    expect(await call(t.token, 'DELETE', `/companies/${t.west.id}`)).toMatchObject({ status: 200 });
    const tree = await call(t.token, 'GET', '/companies/tree');
    expect(names(tree.body.roots as CompanyTreeNode[])).not.toContain('West');
  });

  it('deletes an empty company in two round trips (the generated budget test samples a busy one)', async () => {
    const t = await twoTrees();
    const res = await api(`/companies/${t.west.id}`, {
      method: 'DELETE',
      headers: { ...bearer(t.token), origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get(DB_TRIPS_HEADER))).toBe(2);
  });

  it('names the field at fault for bad input', async () => {
    const t = await twoTrees();
    const res = await call(t.token, 'POST', '/companies', { name: '  ', parentId: t.acme.id });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    const noParent = await call(t.token, 'POST', '/companies', { name: 'X' });
    expect(noParent.body.error?.field).toBe('parentId');
  });

  it('answers 403 naming the permission to a user without it', async () => {
    const t = await twoTrees();
    const weak = await createUser({ company: t.east, permissions: ['function.companies.view'] });
    const { appLogin } = await import('../../../test/worker/fixtures');
    const token = await appLogin(weak.username);
    const res = await call(token, 'POST', '/companies', { name: 'X', parentId: t.east.id });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 'PERMISSION_REQUIRED',
      details: { permission: 'function.companies.create' },
    });
  });

  it('counts what a refused move would break, and moves nothing', async () => {
    const t = await twoTrees();
    const role = await call(t.token, 'POST', '/roles', {
      name: 'East only',
      companyId: t.east.id,
      permissions: ['web.monitor.map'],
    });
    for (const _ of [1, 2]) {
      const holder = newUserBody(t.east1.id, { roleIds: [String(role.body.id)] });
      expect((await call(t.token, 'POST', '/users', holder)).status).toBe(201);
    }
    const moved = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, { parentId: t.west.id });
    expect(moved.body.error).toMatchObject({
      code: 'CONFLICT',
      field: 'parentId',
      details: { roleAssignments: 2 },
    });
    const [east1] = await companyQuery(testDb(), t.east1.id);
    expect(east1).toMatchObject({ parentId: t.east.id, path: t.east1.path });
  });

  describe('writes re-check inside their batch what their read decided on', () => {
    it('a create under a parent moved since it was read: 409, nothing created', async () => {
      const t = await twoTrees();
      const db = testDb();
      const [stale] = await companyQuery(db, t.east1.id);
      const moved = await call(t.token, 'PATCH', `/companies/${t.east1.id}`, {
        parentId: t.west.id,
      });
      expect(moved.status).toBe(200);
      await expect(createCompany(db, adminActorOf(t), stale, 'Late')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const children = await db.select().from(companies).where(eq(companies.parentId, t.east1.id));
      expect(children).toEqual([]);
    });

    it('a delete of a company that got a user since it was read: 409, still there', async () => {
      const t = await twoTrees();
      const db = testDb();
      const [target] = await companyQuery(db, t.west.id);
      const [contents] = await contentsQuery(db, t.west.id);
      expect(contents).toEqual({ companies: 0, users: 0, roles: 0 });
      await createUser({ company: t.west });
      await expect(deleteCompany(db, adminActorOf(t), target, contents)).rejects.toMatchObject({
        code: 'COMPANY_NOT_EMPTY',
        details: { users: 1 },
      });
      expect(await companyQuery(db, t.west.id)).toHaveLength(1);
    });
  });
});
