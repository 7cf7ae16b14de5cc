import { sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { accountBelowFrom, accountBelowReads } from '../../authority/act-on-account';
import { actorWriteBatch } from '../../authority/batch-guards';
import type { ServiceContext } from '../../authority/service-context';
import { liveAmong } from '../../durable-objects/live-index';
import { endSessionsOf } from '../../durable-objects/session-hub.client';
import { auditInsertComputed } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { rowsOf } from '../../lib/write-batch';
import { guardStillBelow } from './users.guards';
import { subtreeOf } from './users.repo';

/** How many accounts the subtree of `id` holds (a dry run's count). */
const subtreeSize = (db: DrizzleDb, id: string) =>
  db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (${subtreeOf(id)})`);

/** What a delete decides on, batched with the actor: the account, the rule, a dry run's count. */
export const deleteUserReads = (db: DrizzleDb, claimedId: string, id: string, dryRun: boolean) =>
  [...accountBelowReads(db, claimedId, id), subtreeSize(db, dryRun ? id : '')] as const;

/**
 * Deletes an account entirely below the actor with all its sub-users at every depth, in one
 * batch: the set is chosen inside it by walking the parent chain in the database (no list of
 * ids leaves it, whatever the size), so a sub-user created a moment before is deleted, counted
 * and audited with the rest (never lost to a foreign-key cascade nobody recorded). The hubs
 * of the accounts with live sessions are told after the answer.
 */
export async function deleteUser(
  ctx: ServiceContext,
  id: string,
  dryRun: boolean,
  [target, refused, [count]]: BatchResponse<ReturnType<typeof deleteUserReads>>,
) {
  const { db, actor } = ctx;
  const user = accountBelowFrom(actor, [target, refused]);
  if (dryRun) return { deleted: Number(count?.n ?? 0) };
  const subtree = subtreeOf(id);
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  const liveAt = batch.add(liveAmong(subtree));
  const countAt = batch.add(sql`SELECT count(*) AS n FROM (${subtree})`);
  batch.add(
    auditInsertComputed(actor, {
      action: 'user.delete',
      targetType: 'user',
      targetId: id,
      companyPath: user.companyPath,
      summary: sql`SELECT ${`Deleted user “${user.username}”`} || CASE WHEN n > 1
          THEN ' and ' || (n - 1) || ' sub-user' || CASE WHEN n > 2 THEN 's' ELSE '' END
          ELSE '' END
        FROM (SELECT count(*) AS n FROM (${subtree}))`,
      before: sql`SELECT json_object('id', ${id}, 'username', ${user.username},
          'companyId', ${user.companyId},
          'deleted', json((SELECT json_group_array(json_object('id', u.id, 'username', u.username))
            FROM users u WHERE u.id IN (${subtree}))))`,
      after: sql`NULL`,
    }),
  );
  batch.add(sql`DELETE FROM user_roles WHERE user_id IN (${subtree})`);
  batch.add(sql`DELETE FROM user_permissions WHERE user_id IN (${subtree})`);
  batch.add(sql`DELETE FROM face_templates WHERE user_id IN (${subtree})`);
  batch.faultPoint('users.delete.midway', ctx.fault);
  batch.add(sql`DELETE FROM users WHERE id IN (${subtree})`);
  const results = await batch.commit();
  const live = rowsOf<{ id: string }>(results[liveAt]).map((r) => r.id);
  ctx.defer(endSessionsOf(ctx.env, live, 'account_deleted'));
  return { deleted: Number(rowsOf<{ n: number }>(results[countAt])[0]?.n ?? 0) };
}
