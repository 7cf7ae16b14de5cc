import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rolePermissions, roles, userPermissions, userRoles, users } from '../../../db/schema';
import { ALL_PERMISSION_KEYS } from '../../../schemas/permissions';
import { createCompany, createUser, testDb } from '../../../test/worker/fixtures';
import { accountsNotBelowQuery, idList } from '../../authority/act-on-account';
import { actorFromReads, actorReads } from '../../authority/actor-reads';
import { guardBelowActor, guardRolesReachable } from '../../authority/batch-guards';
import { newId } from '../../lib/encoding';
import { WriteBatch } from '../../lib/write-batch';
import { guardStillBelow } from './users.guards';

/**
 * A write decides on one read and lands in a second round trip; what another request changes
 * in between is caught by the guards inside the write's batch. Here the change is made
 * directly between building the decision and committing the batch.
 */

async function actorOf(id: string) {
  const db = testDb();
  const results = await db.batch(actorReads(db, id));
  const { actor } = actorFromReads(results as unknown as Parameters<typeof actorFromReads>[0]);
  if (!actor) throw new Error('no actor');
  return actor;
}

const displayNameOf = async (id: string) =>
  (await testDb().select().from(users).where(eq(users.id, id)).get())?.displayName;

/** A batch that renames `id`, guarded as an edit of another account is. */
function renameGuarded(actor: Awaited<ReturnType<typeof actorOf>>, id: string) {
  const db = testDb();
  const batch = new WriteBatch(db);
  guardStillBelow(batch, db, actor, id);
  batch.add(db.update(users).set({ displayName: 'Renamed' }).where(eq(users.id, id)));
  return batch;
}

async function world() {
  const root = await createCompany('Guards');
  const branch = await createCompany('Guards branch', root);
  const admin = await createUser({ company: root, permissions: ['web.monitor.map'] });
  const target = await createUser({ company: branch });
  return { root, branch, admin, target, actor: await actorOf(admin.id) };
}

describe('the write guards of the users feature', () => {
  it('refuse a role assignment whose role another admin strengthened after the read', async () => {
    const { root, actor, target } = await world();
    const db = testDb();
    const roleId = newId('ro');
    await db
      .insert(roles)
      .values({ id: roleId, name: 'Viewer', companyId: root.id, createdAt: new Date() });
    await db.insert(rolePermissions).values({ roleId, permission: 'web.monitor.map' });
    // As the users services build it: the assignment, then the rule judged after the writes.
    const batch = new WriteBatch(db);
    batch.add(db.insert(userRoles).values({ userId: target.id, roleId }));
    guardBelowActor(batch, db, actor, idList([target.id]));
    await db.insert(rolePermissions).values({ roleId, permission: 'function.users.delete' });
    // Rolled back, the assignment that made it stronger is gone: the re-read finds no reason.
    await expect(batch.commit()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, target.id))).toEqual([]);
  });

  it('refuse an account whose company moved out of the actor’s scope after the read', async () => {
    const { branch, actor, target } = await world();
    const db = testDb();
    const batch = new WriteBatch(db);
    batch.add(db.update(users).set({ displayName: 'Renamed' }).where(eq(users.id, target.id)));
    guardBelowActor(batch, db, actor, idList([target.id]));
    const outside = await createCompany('Guards outside');
    await db.run(
      sql`UPDATE companies SET parent_id = ${outside.id}, path = ${`${outside.path}${branch.id}/`} WHERE id = ${branch.id}`,
    );
    await expect(batch.commit()).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'outside_scope' },
    });
    expect(await displayNameOf(target.id)).toBe(`Test ${target.username}`);
  });

  it('let the write land while the account is unchanged', async () => {
    const { actor, target } = await world();
    await renameGuarded(actor, target.id).commit();
    expect(await displayNameOf(target.id)).toBe('Renamed');
  });

  it('refuse with 404 an account deleted after the read', async () => {
    const { actor, target } = await world();
    const batch = renameGuarded(actor, target.id);
    await testDb().delete(users).where(eq(users.id, target.id));
    await expect(batch.commit()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuse an account that grew stronger than the actor after the read, writing nothing', async () => {
    const { actor, target } = await world();
    const batch = renameGuarded(actor, target.id);
    await testDb()
      .insert(userPermissions)
      .values({ userId: target.id, permission: 'function.users.delete' });
    await expect(batch.commit()).rejects.toMatchObject({
      code: 'ACCOUNT_NOT_BELOW',
      details: { reason: 'more_permissions', permissions: ['function.users.delete'] },
    });
    expect(await displayNameOf(target.id)).toBe(`Test ${target.username}`);
  });

  it('refuse a role assignment whose holder moved out of the role owner’s line meanwhile', async () => {
    const { root, branch } = await world();
    const holder = await createUser({ company: branch, roles: [['web.monitor.map']] });
    const elsewhere = await createCompany('Guards elsewhere', root);
    const db = testDb();
    const batch = new WriteBatch(db);
    batch.add(db.update(users).set({ displayName: 'Renamed' }).where(eq(users.id, holder.id)));
    guardRolesReachable(batch, holder.id);
    await db.update(users).set({ companyId: elsewhere.id }).where(eq(users.id, holder.id));
    await expect(batch.commit()).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'roleIds' });
  });
});

describe('the rule for acting on another account', () => {
  it('gives the same verdicts for a claimed actor (judged in SQL) as for the loaded one', async () => {
    const root = await createCompany('Verdicts');
    const branch = await createCompany('Verdicts branch', root);
    const grand = await createUser({
      company: branch,
      relatedCompany: root,
      permissions: [...ALL_PERMISSION_KEYS],
    });
    const soon = Date.now() + 86_400_000;
    const admin = await createUser({
      company: branch,
      parentUserId: grand.id,
      permissions: ['web.monitor.map', 'function.users.edit'],
      expiresAt: new Date(soon),
    });
    const weaker = await createUser({
      company: branch,
      permissions: ['web.monitor.map'],
      expiresAt: new Date(soon - 1000),
    });
    const stronger = await createUser({
      company: branch,
      permissions: ['function.users.delete'],
      expiresAt: new Date(soon - 1000),
    });
    const wider = await createUser({
      company: branch,
      relatedCompany: root,
      expiresAt: new Date(soon - 1000),
    });
    const later = await createUser({ company: branch });
    const outside = await createUser({ company: root, expiresAt: new Date(soon - 1000) });
    const ids = [grand, admin, weaker, stronger, wider, later, outside].map((u) => u.id);
    const db = testDb();
    const verdicts = async (acting: Parameters<typeof accountsNotBelowQuery>[0]) =>
      (
        await db.all<{ id: string; reason: string; excess: string | null }>(
          sql`SELECT * FROM (${accountsNotBelowQuery(acting, idList(ids))}) ORDER BY id`,
        )
      ).map((v) => ({ ...v }));
    const loaded = await verdicts(await actorOf(admin.id));
    expect(await verdicts({ claimedId: admin.id })).toEqual(loaded);
    const reasons = Object.fromEntries(loaded.map((v) => [v.id, v.reason]));
    expect(reasons).toEqual({
      [grand.id]: 'ancestor',
      [admin.id]: 'self',
      [stronger.id]: 'more_permissions',
      [wider.id]: 'wider_scope',
      [later.id]: 'later_expiry',
      [outside.id]: 'outside_scope',
    });
  });
});
