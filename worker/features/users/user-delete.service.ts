import { sql } from 'drizzle-orm';
import { accountBelowActor } from '../../authority/act-on-account';
import type { ServiceContext } from '../../authority/service-context';
import { endSessionsOf } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { subtreeAccounts } from './users.repo';

/**
 * Deletes an account entirely below the actor with all its sub-users at every depth, in one
 * transaction: the set is chosen inside the write transaction, so a sub-user created a moment
 * before is deleted, counted and audited with the rest (never lost to a foreign-key cascade
 * nobody recorded). Their sessions end once it is committed.
 */
export async function deleteUser(ctx: ServiceContext, id: string, dryRun: boolean) {
  const { db, actor } = ctx;
  const target = await accountBelowActor(db, actor, id);
  if (dryRun) return { deleted: (await subtreeAccounts(db, id)).length };
  const deleted = await db.transaction(async (tx) => {
    // Chosen inside the write transaction: nothing can add a sub-user until it commits.
    const rows = await subtreeAccounts(tx, id);
    const ids = sql`SELECT value FROM json_each(${JSON.stringify(rows.map((r) => r.id))})`;
    await tx.run(sql`DELETE FROM user_roles WHERE user_id IN (${ids})`);
    await tx.run(sql`DELETE FROM user_permissions WHERE user_id IN (${ids})`);
    ctx.fault('users.delete.midway');
    await tx.run(sql`DELETE FROM users WHERE id IN (${ids})`);
    await auditInsert(tx, actor, {
      action: 'user.delete',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary:
        rows.length > 1
          ? `Deleted user “${target.username}” and ${rows.length - 1} sub-user${rows.length > 2 ? 's' : ''}`
          : `Deleted user “${target.username}”`,
      before: { id, username: target.username, companyId: target.companyId, deleted: rows },
    });
    return rows;
  });
  await endSessionsOf(
    ctx.env,
    deleted.map((r) => r.id),
    'account_deleted',
  );
  return { deleted: deleted.length };
}
