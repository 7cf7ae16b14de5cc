import { sql } from 'drizzle-orm';
import { idList } from '../../authority/act-on-account';
import type { Actor } from '../../authority/actor';
import {
  guardBelowActor,
  guardOrderedAround,
  guardRolesReachable,
} from '../../authority/batch-guards';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import type { WriteBatch } from '../../lib/write-batch';

/**
 * The account the write's read found is still there (404 at `field` otherwise: deleted
 * meanwhile) and still entirely below the actor (403 ACCOUNT_NOT_BELOW), when the batch lands.
 */
export function guardStillBelow(
  batch: WriteBatch,
  db: DrizzleDb,
  actor: Actor,
  id: string,
  field?: string,
): WriteBatch {
  guardExists(batch, id, field);
  return guardBelowActor(batch, db, actor, idList([id]), field);
}

/** The account is still there when the batch lands (404 at `field`: deleted meanwhile). */
export function guardExists(batch: WriteBatch, id: string, field?: string): WriteBatch {
  return batch.guard(
    sql`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = ${id})`,
    () => new ApiError('NOT_FOUND', { message: 'No such user.', field }),
  );
}

/** A write that a unique username refused (another account took it meanwhile). */
export const isUsernameConflict = (error: unknown) => String(error).includes('UNIQUE');

/**
 * Added after the writes of a create or an edit of account `id`: its chain is ordered, its roles
 * are within reach of its company, and it lies below the actor as the database now stands — a
 * role another admin strengthened, or a company moved out of the actor's scope, since the read
 * must not leave the account above the actor.
 */
export function guardAccountAfterWrite(
  batch: WriteBatch,
  db: DrizzleDb,
  actor: Actor,
  id: string,
): WriteBatch {
  guardOrderedAround(batch, [id]);
  guardRolesReachable(batch, id);
  return guardBelowActor(batch, db, actor, idList([id]));
}
