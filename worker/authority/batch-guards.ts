import { type SQL, sql } from 'drizzle-orm';
import type { DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';
import { WriteBatch } from '../lib/write-batch';
import { accountsNotBelow, accountsNotBelowQuery, notBelowError } from './act-on-account';
import type { Actor } from './actor';
import { roleOutOfReachError, rolesOutOfReachQuery } from './ceilings';
import { disorderedAround, disorderedError } from './chain-order';
import { lineageGrantsCte } from './effective-permissions';

/**
 * The rules a write re-checks inside its own batch, so what its read decided still holds when
 * it lands (another request may have changed an account in between).
 */

/**
 * Every account of `targets` (a query answering one `id` column) is still entirely below the
 * actor; otherwise 403 ACCOUNT_NOT_BELOW with the reason (read again only on that rare path).
 */
export function guardBelowActor(
  batch: WriteBatch,
  db: DrizzleDb,
  actor: Actor,
  targets: SQL,
  field?: string,
): WriteBatch {
  return batch.guard(accountsNotBelowQuery(actor, targets), async () => {
    const [refused] = await accountsNotBelow(db, actor, targets);
    return refused
      ? notBelowError(refused, field)
      : new ApiError('CONFLICT', { message: 'The account changed meanwhile; try again.' });
  });
}

/**
 * Added last: no parent/sub-user pair around `ids` is out of order after the batch's writes
 * (409 EXCEEDS_PARENT otherwise, and nothing is written).
 */
export function guardOrderedAround(batch: WriteBatch, ids: readonly string[] | SQL): WriteBatch {
  return batch.guard(disorderedAround(ids), disorderedError);
}

/**
 * Added last: every role `userId` holds is still owned on its company's line (a company move
 * may have landed since the read); 404 at `roleIds` otherwise, and nothing is written.
 */
export function guardRolesReachable(batch: WriteBatch, userId: string): WriteBatch {
  return batch.guard(rolesOutOfReachQuery(sql`ur.user_id = ${userId}`), roleOutOfReachError);
}

/**
 * The actor still stands as its read found it: no account of its chain gone, disabled or
 * expired, its earliest expiry and its scope unchanged, and it still holds every permission it
 * was judged on. A write decided on what the actor held must not land after an admin took that
 * away (the decision and the write are two round trips apart).
 */
export function actorStandsViolation(actor: Actor, now: number): SQL {
  const held = JSON.stringify([...actor.permissions]);
  return sql`${lineageGrantsCte(actor.id)},
    links(id, parent, status, expires_at) AS (
      SELECT u.id, u.parent_user_id, u.status, u.expires_at
        FROM lineage l JOIN users u ON u.id = l.id
    )
    SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM links WHERE id = ${actor.id})
      OR EXISTS (SELECT 1 FROM links WHERE status = 'disabled'
        OR (expires_at IS NOT NULL AND expires_at <= ${now}))
      OR EXISTS (SELECT 1 FROM links WHERE parent IS NOT NULL
        AND parent NOT IN (SELECT id FROM links))
      OR (SELECT min(expires_at) FROM links) IS NOT ${actor.expiresAt}
      OR (SELECT c.path FROM users u JOIN companies c ON c.id = u.related_company_id
        WHERE u.id = ${actor.id}) IS NOT ${actor.scopePath}
      OR EXISTS (SELECT 1 FROM json_each(${held}) WHERE value NOT IN (
        SELECT permission FROM lineage_grants GROUP BY permission
          HAVING count(DISTINCT user_id) = (SELECT count(*) FROM lineage)))`;
}

/**
 * The batch every write of an actor starts with: its first guard is {@link actorStandsViolation}
 * (409 CONFLICT: the actor's own account changed meanwhile; the next request re-reads it).
 */
export function actorWriteBatch(db: DrizzleDb, actor: Actor): WriteBatch {
  return new WriteBatch(db).guard(
    actorStandsViolation(actor, Date.now()),
    () =>
      new ApiError('CONFLICT', {
        message: 'Your own account changed while this was being saved; nothing was changed.',
      }),
  );
}
