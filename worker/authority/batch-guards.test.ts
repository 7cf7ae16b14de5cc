import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { companies, userPermissions, users } from '../../db/schema';
import { createCompany, createUser, testDb } from '../../test/worker/fixtures';
import type { Actor } from './actor';
import { actorStandsViolation } from './batch-guards';

/** An actor as `authorize` would have read it, for a fresh account holding two permissions. */
async function freshActor() {
  const company = await createCompany('Guarded');
  const other = await createCompany('Elsewhere');
  const until = new Date(Date.now() + 86_400_000);
  const parent = await createUser({ company, permissions: ['web.monitor.map', 'web.alerts.view'] });
  const user = await createUser({
    company,
    parentUserId: parent.id,
    permissions: ['web.monitor.map', 'web.alerts.view'],
    expiresAt: until,
  });
  const actor: Actor = {
    id: user.id,
    username: user.username,
    companyId: company.id,
    scopeId: company.id,
    scopePath: company.path,
    expiresAt: until.getTime(),
    ancestorIds: [parent.id],
    permissions: new Set(['web.monitor.map', 'web.alerts.view']),
  };
  return { actor, parent, user, other };
}

const fires = async (actor: Actor) =>
  (await testDb().all(actorStandsViolation(actor, Date.now()))).length > 0;

describe('the actor-stands guard', () => {
  it('finds nothing while the actor is as it was read', async () => {
    const { actor } = await freshActor();
    expect(await fires(actor)).toBe(false);
  });

  it('fires when a permission is taken from the actor or from its parent', async () => {
    const a = await freshActor();
    await testDb()
      .delete(userPermissions)
      .where(
        and(
          eq(userPermissions.userId, a.user.id),
          eq(userPermissions.permission, 'web.alerts.view'),
        ),
      );
    expect(await fires(a.actor)).toBe(true);
    const b = await freshActor();
    await testDb()
      .delete(userPermissions)
      .where(
        and(
          eq(userPermissions.userId, b.parent.id),
          eq(userPermissions.permission, 'web.monitor.map'),
        ),
      );
    expect(await fires(b.actor)).toBe(true);
  });

  it('fires when the actor or its parent is disabled, deleted or expired, or its scope or expiry moved', async () => {
    const cases: ((f: Awaited<ReturnType<typeof freshActor>>) => Promise<unknown>)[] = [
      (f) => testDb().update(users).set({ status: 'disabled' }).where(eq(users.id, f.parent.id)),
      (f) => testDb().delete(users).where(eq(users.id, f.parent.id)),
      (f) =>
        testDb()
          .update(users)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(eq(users.id, f.user.id)),
      (f) =>
        testDb()
          .update(users)
          .set({ expiresAt: new Date(Date.now() + 3_600_000) })
          .where(eq(users.id, f.user.id)),
      (f) =>
        testDb().update(users).set({ relatedCompanyId: f.other.id }).where(eq(users.id, f.user.id)),
    ];
    for (const change of cases) {
      const f = await freshActor();
      await change(f);
      expect(await fires(f.actor)).toBe(true);
    }
  });

  it('does not fire when the actor gains a permission or its company is renamed', async () => {
    const f = await freshActor();
    await testDb()
      .insert(userPermissions)
      .values({ userId: f.user.id, permission: 'web.reports.mileage' });
    await testDb()
      .update(companies)
      .set({ name: 'Renamed' })
      .where(eq(companies.id, f.actor.scopeId));
    expect(await fires(f.actor)).toBe(false);
  });
});
