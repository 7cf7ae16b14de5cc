import { describe, expect, it } from 'vitest';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

/**
 * An expiry names an instant from 1970 to the end of year 9999 (UTC): year 0001 is a typo, and
 * a date past 9999 in UTC would read back as "+010000-…", which the API itself refuses.
 */
const OUT_OF_RANGE = [
  '0001-01-01T00:00:00Z',
  '0000-01-01T00:00:00+01:00',
  '1969-12-31T23:59:59Z',
  '9999-12-31T23:59:59-14:00',
];

type Tree = Awaited<ReturnType<typeof twoTrees>>;

/** Creates an account in the east branch with `expiresAt`, as the tree's admin. */
const createWithExpiry = (t: Tree, expiresAt: string | null) =>
  call(t.token, 'POST', '/users', {
    username: `range.${crypto.randomUUID().slice(0, 8)}`,
    displayName: 'Range',
    password: 'Correct-horse-battery-9',
    companyId: t.east1.id,
    relatedCompanyId: t.east1.id,
    expiresAt,
    roleIds: [],
    permissions: [],
  });

describe('expiry dates', () => {
  it('refuses an instant outside 1970 … 9999 on every route that sets one, writing nothing', async () => {
    const t = await twoTrees();
    const target = await createWithExpiry(t, null);
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    const id = String(target.body.id);
    for (const expiresAt of OUT_OF_RANGE) {
      const created = await createWithExpiry(t, expiresAt);
      expect([created.status, created.body.error?.field], expiresAt).toEqual([400, 'expiresAt']);
      const patched = await call(t.token, 'PATCH', `/users/${id}`, { expiresAt });
      expect([patched.status, patched.body.error?.field], expiresAt).toEqual([400, 'expiresAt']);
      const synced = await call(t.token, 'PUT', `/users/${id}/expiry`, {
        expiresAt,
        applyToCompany: true,
      });
      expect([synced.status, synced.body.error?.field], expiresAt).toEqual([400, 'expiresAt']);
    }
    const read = await call(t.token, 'GET', `/users/${id}`);
    expect(read.body.expiresAt).toBeNull();
  });

  it('takes the first and the last instant of the range, and reads them back as sent', async () => {
    const t = await twoTrees();
    for (const expiresAt of ['1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const created = await createWithExpiry(t, expiresAt);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await call(t.token, 'GET', `/users/${created.body.id}`);
      expect(read.body.expiresAt).toBe(expiresAt);
    }
  });
});
