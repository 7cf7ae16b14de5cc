import { describe, expect, it } from 'vitest';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

/** A company's roles are picked by name in the console: two of them never share one. */
describe('roles of one company have distinct names', () => {
  it('refuses a second role of the same name in the company with 409 on "name"', async () => {
    const t = await twoTrees();
    const first = await call(t.token, 'POST', '/roles', {
      name: 'Dispatcher',
      companyId: t.east.id,
    });
    expect(first.status).toBe(201);
    const second = await call(t.token, 'POST', '/roles', {
      name: ' dispatcher ',
      companyId: t.east.id,
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'ROLE_NAME_TAKEN', field: 'name' });
    const elsewhere = await call(t.token, 'POST', '/roles', {
      name: 'Dispatcher',
      companyId: t.west.id,
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a rename to another role’s name, and accepts a change of case of its own', async () => {
    const t = await twoTrees();
    await call(t.token, 'POST', '/roles', { name: 'Dispatcher', companyId: t.east.id });
    const other = await call(t.token, 'POST', '/roles', { name: 'Driver', companyId: t.east.id });
    const renamed = await call(t.token, 'PATCH', `/roles/${other.body.id}`, { name: 'DISPATCHER' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'ROLE_NAME_TAKEN', field: 'name' });
    const recased = await call(t.token, 'PATCH', `/roles/${other.body.id}`, { name: 'DRIVER' });
    expect(recased.status).toBe(200);
  });

  it('lets exactly one of 200 simultaneous creates of one name succeed', async () => {
    const t = await twoTrees();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        call(t.token, 'POST', '/roles', { name: 'Night shift', companyId: t.east1.id }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  });
});
