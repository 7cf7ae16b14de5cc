import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { companies, users } from '../../db/schema';
import type { DbOrTx } from '../lib/db';
import { ApiError } from '../lib/errors';
import type { Actor } from './actor';

/** True when a company with materialized `path` lies in the actor's scope. */
export const pathInScope = (actor: Actor, path: string): boolean =>
  path.startsWith(actor.scopePath);

const notFound = (what: string, field?: string) =>
  new ApiError('NOT_FOUND', { message: `No such ${what}.`, field });

/** The user with its company's path, as a batchable query (scope is judged on the result). */
export const userInScopeQuery = (db: DbOrTx, id: string) =>
  db
    .select({ user: users, companyPath: companies.path })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, id))
    .limit(1);

export type UserInScopeRow = Awaited<ReturnType<typeof userInScopeQuery>>[number];

/** The user of a {@link userInScopeQuery} row, or 404 when missing or outside the scope. */
export function userInScopeFrom(actor: Actor, row: UserInScopeRow | undefined, field?: string) {
  if (!row || !pathInScope(actor, row.companyPath)) throw notFound('user', field);
  return { ...row.user, companyPath: row.companyPath };
}

/** A company by id, as a batchable query (scope is judged on the result). */
export const companyQuery = (db: DbOrTx, id: string) =>
  db.select().from(companies).where(eq(companies.id, id)).limit(1);

/** The company of a {@link companyQuery} row, or 404 when missing or outside the scope. */
export function companyInScopeFrom(
  actor: Actor,
  row: typeof companies.$inferSelect | undefined,
  field?: string,
) {
  if (!row || !pathInScope(actor, row.path)) throw notFound('company', field);
  return row;
}

/**
 * `column` lies under the materialized path `prefix` (the prefix itself included). A range
 * rather than LIKE: it uses the index, and `_` in ids is no wildcard. Paths hold only `/`,
 * letters, digits and `_`, all below `~`.
 */
export const underPath = (column: SQLiteColumn, prefix: string): SQL =>
  and(gte(column, prefix), lt(column, `${prefix}~`)) as SQL;

/**
 * The scope path of the account `userId` as a scalar subquery: for reads batched with the
 * actor (`authorize`), which run before the actor is known and may depend only on its id.
 */
export const scopePathOf = (userId: string): SQL =>
  sql`(SELECT sc.path FROM users su JOIN companies sc ON sc.id = su.related_company_id WHERE su.id = ${userId})`;

/** `column` lies under the path a subquery answers; a range like {@link underPath}. */
export const underPathOf = (column: SQLiteColumn | SQL, prefix: SQL): SQL =>
  sql`(${column} >= ${prefix} AND ${column} < ${prefix} || '~')`;
