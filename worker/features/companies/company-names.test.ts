import { describe, expect, it } from 'vitest';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

/** DESIGN §1: siblings are told apart by name, so two of them never share one. */
describe('sibling companies have distinct names', () => {
  it('refuses a second sibling of the same name, in any case and spacing, with 409 on "name"', async () => {
    const t = await twoTrees();
    const first = await call(t.token, 'POST', '/companies', {
      name: 'Berlin Branch',
      parentId: t.east.id,
    });
    expect(first.status).toBe(201);
    const second = await call(t.token, 'POST', '/companies', {
      name: '  berlin BRANCH ',
      parentId: t.east.id,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'COMPANY_NAME_TAKEN', field: 'name' });
    // Under another parent the name is free.
    const elsewhere = await call(t.token, 'POST', '/companies', {
      name: 'Berlin Branch',
      parentId: t.west.id,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a rename to a sibling’s name, and a move into a parent that has one', async () => {
    const t = await twoTrees();
    const renamed = await call(t.token, 'PATCH', `/companies/${t.west.id}`, { name: 'EAST' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'COMPANY_NAME_TAKEN', field: 'name' });
    const depot = await call(t.token, 'POST', '/companies', { name: 'Depot', parentId: t.west.id });
    await call(t.token, 'POST', '/companies', { name: 'depot', parentId: t.east.id });
    const moved = await call(t.token, 'PATCH', `/companies/${depot.body.id}`, {
      parentId: t.east.id,
    });
    expect(moved.status).toBe(409);
    // The move brought the clash: the field at fault is the parent the body named.
    expect(moved.body.error).toMatchObject({ code: 'COMPANY_NAME_TAKEN', field: 'parentId' });
    // Renaming a company to its own name in another case is no clash with itself.
    const same = await call(t.token, 'PATCH', `/companies/${t.west.id}`, { name: 'WEST' });
    expect(same.status).toBe(200);
  });

  it('lets exactly one of 200 simultaneous creates of one name succeed', async () => {
    const t = await twoTrees();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        call(t.token, 'POST', '/companies', { name: 'Race Depot', parentId: t.east1.id }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const tree = await call(t.token, 'GET', `/companies/${t.east1.id}/children`);
    expect((tree.body.children as { name: string }[]).map((c) => c.name)).toEqual(['Race Depot']);
  });

  it('writes and audits nothing for a change to nothing, and refuses any parent for the scope root alike', async () => {
    const t = await twoTrees();
    const before = await call(t.token, 'GET', `/audit?targetId=${t.east.id}`);
    const same = await call(t.token, 'PATCH', `/companies/${t.east.id}`, {
      name: 'East',
      parentId: t.acme.id,
    });
    expect(same.status).toBe(200);
    const after = await call(t.token, 'GET', `/audit?targetId=${t.east.id}`);
    expect(after.body.entries).toEqual(before.body.entries);
    // The admin's scope root: its true parent (none here) and a made-up one answer the same.
    for (const parentId of [t.east.id, t.other.id]) {
      const res = await call(t.token, 'PATCH', `/companies/${t.acme.id}`, { parentId });
      expect([res.status, res.body.error?.code]).toEqual([409, 'SCOPE_ROOT_LOCKED']);
    }
  });

  it('stores one spelling of a name: composed accents and single spaces, so look-alike spellings clash', async () => {
    const t = await twoTrees();
    const first = await call(t.token, 'POST', '/companies', {
      name: 'Café Zürich',
      parentId: t.east.id,
    });
    expect(first.status).toBe(201);
    for (const name of [
      'Cafe\u0301 Zu\u0308rich',
      'Café  Zürich',
      'Café\u00a0Zürich',
      'Café\u2000Zürich',
    ]) {
      const again = await call(t.token, 'POST', '/companies', { name, parentId: t.east.id });
      expect([again.status, again.body.error?.code], JSON.stringify(name)).toEqual([
        409,
        'COMPANY_NAME_TAKEN',
      ]);
    }
    const stored = await call(t.token, 'POST', '/companies', {
      name: 'Gare  du\u3000Nord',
      parentId: t.east.id,
    });
    expect(stored.body.name).toBe('Gare du Nord');
  });
});
