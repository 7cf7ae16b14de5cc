import { type SQL, sql } from 'drizzle-orm';
import type { DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';
import type { WriteBatch } from '../lib/write-batch';
import { accountsNotBelow, accountsNotBelowQuery, notBelowError } from './act-on-account';
import type { Actor } from './actor';
import { roleOutOfReachError, rolesOutOfReachQuery } from './ceilings';
import { disorderedAround, disorderedError } from './chain-order';

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
