import { type SQL, sql } from 'drizzle-orm';
import type { DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';

/**
 * The parent chain stays ordered after every request: a sub-user's expiry is never later, and
 * its scope never wider, than its parent's. Expiry is carried down (a parent that ends earlier
 * ends its sub-users with it, which the sign-in check does anyway: the data then says so);
 * scope is refused (re-scoping sub-users would be a guess at what they should see).
 */

/** The earlier of two expiries in SQL, where NULL means "never". */
const earlierOf = (a: SQL, b: SQL) =>
  sql`CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL THEN ${a} WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;

/**
 * The new expiry of every account of `targets` (a query answering one `id` column) and of every
 * sub-user below them: each target gets `value`, capped by its parent's, and every sub-user
 * below ends no later than its parent. CTEs (without the leading `WITH RECURSIVE`, so a caller
 * may add its own): `targets(id)`, `planned(id, v)` and `changes(id)`, the accounts whose stored
 * expiry differs from the plan.
 */
export function expiryPlan(targets: SQL, value: number | null): SQL {
  const v = sql`${value}`;
  return sql`
      targets(id) AS MATERIALIZED (${targets}),
      final(id, v) AS (
        SELECT u.id, ${earlierOf(v, sql`p.expires_at`)}
          FROM users u LEFT JOIN users p ON p.id = u.parent_user_id
          WHERE u.id IN (SELECT id FROM targets)
            AND (u.parent_user_id IS NULL OR u.parent_user_id NOT IN (SELECT id FROM targets))
        UNION ALL
        SELECT c.id, ${earlierOf(
          sql`CASE WHEN c.id IN (SELECT id FROM targets) THEN ${v} ELSE c.expires_at END`,
          sql`final.v`,
        )}
          FROM users c JOIN final ON c.parent_user_id = final.id
      ),
      -- A target below a sub-user that is carried down is reached twice: the earlier date wins
      -- (min ignores NULL, which is "never").
      planned(id, v) AS (SELECT id, min(v) FROM final GROUP BY id),
      changes(id) AS (
        SELECT u.id FROM planned JOIN users u ON u.id = planned.id WHERE u.expires_at IS NOT planned.v
      )`;
}

/**
 * Applies an {@link expiryPlan} (`ctes` holds it, after any CTE its targets use): one statement
 * that answers (RETURNING) the ids whose stored expiry changed.
 */
export const applyExpiryPlan = (ctes: SQL, now: number): SQL => sql`WITH RECURSIVE ${ctes}
    UPDATE users SET expires_at = planned.v, updated_at = ${now}
    FROM planned WHERE planned.id = users.id AND users.expires_at IS NOT planned.v
    RETURNING users.id`;

/** 409 EXCEEDS_PARENT when a sub-user would outlive its parent chain. */
export function assertExpiryWithinParent(
  parentExpiresAt: number | null | undefined,
  expiresAt: number | null,
  field = 'expiresAt',
): void {
  if (parentExpiresAt === undefined || parentExpiresAt === null) return;
  if (expiresAt === null || expiresAt > parentExpiresAt) {
    throw new ApiError('EXCEEDS_PARENT', {
      message: 'A sub-user cannot stay valid longer than its parent.',
      field,
      details: { max: new Date(parentExpiresAt).toISOString(), limit: 'parent' },
    });
  }
}

/**
 * 409 EXCEEDS_PARENT when a sub-user's related company (`field` relatedCompanyId) or its own
 * company (`companyId`) would not lie inside its parent's scope.
 */
export function assertScopeWithinParent(
  parentScopePath: string | undefined,
  path: string,
  field: 'relatedCompanyId' | 'companyId' = 'relatedCompanyId',
): void {
  if (parentScopePath === undefined || path.startsWith(parentScopePath)) return;
  throw new ApiError('EXCEEDS_PARENT', {
    message:
      field === 'companyId'
        ? 'A sub-user belongs to a company inside its parent’s related company.'
        : 'A sub-user’s related company must lie inside its parent’s.',
    field,
  });
}

/**
 * How many sub-users (at any depth) of `userId` see, or belong to a company, outside the
 * path `scopePath` evaluates to (a batchable query answering `n`).
 */
export function subUsersOutsideScopeQuery(db: DrizzleDb, userId: string, scopePath: SQL) {
  return db.all<{ n: number }>(sql`
    WITH RECURSIVE scope(path) AS (SELECT ${scopePath}),
    below(id) AS (
      -- No path (no such company): nothing to count, and no walk down the tree.
      SELECT id FROM users WHERE parent_user_id = ${userId} AND (SELECT path FROM scope) IS NOT NULL
      UNION ALL
      SELECT u.id FROM users u JOIN below ON u.parent_user_id = below.id
    )
    SELECT count(*) AS n FROM below
      JOIN users u ON u.id = below.id
      JOIN companies c ON c.id = u.related_company_id
      JOIN companies h ON h.id = u.company_id
    WHERE NOT (c.path >= (SELECT path FROM scope) AND c.path < (SELECT path FROM scope) || '~')
       OR NOT (h.path >= (SELECT path FROM scope) AND h.path < (SELECT path FROM scope) || '~')`);
}

/** Parent/sub-user pairs, with the paths the order is judged on. */
const PAIRS = sql`users child
      JOIN users parent ON parent.id = child.parent_user_id
      JOIN companies cc ON cc.id = child.related_company_id
      JOIN companies hc ON hc.id = child.company_id
      JOIN companies pc ON pc.id = parent.related_company_id`;

/**
 * A pair out of order: the sub-user outlives its parent, sees outside its parent's scope, or
 * belongs to a company outside it (its parent could no longer reach it).
 */
const DISORDERED = sql`(
      (parent.expires_at IS NOT NULL
        AND (child.expires_at IS NULL OR child.expires_at > parent.expires_at))
      OR NOT (cc.path >= pc.path AND cc.path < pc.path || '~')
      OR NOT (hc.path >= pc.path AND hc.path < pc.path || '~'))`;

/**
 * The out-of-order pairs among those where a side's scope or company lies under `path` (a
 * query; no rows when ordered): guards a company move's batch, after its writes.
 */
export function disorderedPairsUnderQuery(path: string): SQL {
  const end = `${path}~`;
  return sql`SELECT child.id FROM ${PAIRS}
    WHERE ((cc.path >= ${path} AND cc.path < ${end}) OR (pc.path >= ${path} AND pc.path < ${end})
        OR (hc.path >= ${path} AND hc.path < ${end}))
      AND ${DISORDERED}`;
}

/** The out-of-order pairs `ids` take part in (a query; no rows when the chains are ordered). */
export function disorderedAround(ids: readonly string[] | SQL): SQL {
  const list = Array.isArray(ids)
    ? sql`SELECT value FROM json_each(${JSON.stringify(ids)})`
    : (ids as SQL);
  return sql`SELECT child.id FROM ${PAIRS}
    WHERE (child.id IN (${list}) OR parent.id IN (${list})) AND ${DISORDERED}`;
}

export const disorderedError = () =>
  new ApiError('EXCEEDS_PARENT', {
    message:
      'A sub-user would outlive its parent or reach outside its parent’s company (someone may have changed one of them meanwhile).',
  });

/**
 * The bounds of a sub-user under the parent `parentId` names (an id, or a query for one): the
 * earliest expiry along the parent's own chain and its scope path. A batchable query; no row
 * when there is no such parent.
 */
export function parentBoundsQuery(db: DrizzleDb, parentId: string | SQL) {
  return db.all<{ earliest: number | null; path: string }>(sql`
    WITH RECURSIVE
      parent(id) AS (SELECT ${parentId}),
      chain(id, parent, expires_at) AS (
        SELECT id, parent_user_id, expires_at FROM users WHERE id = (SELECT id FROM parent)
        UNION ALL
        SELECT p.id, p.parent_user_id, p.expires_at FROM users p JOIN chain ON p.id = chain.parent
      )
    SELECT (SELECT min(expires_at) FROM chain) AS earliest, c.path AS path
      FROM users u JOIN companies c ON c.id = u.related_company_id
      WHERE u.id = (SELECT id FROM parent)`);
}

export interface ParentBounds {
  expiresAt: number | null;
  scopePath: string;
}

/** The {@link ParentBounds} of a {@link parentBoundsQuery} row (null without a parent). */
export const parentBoundsFrom = (
  row: { earliest: number | null; path: string } | undefined,
): ParentBounds | null =>
  row
    ? { expiresAt: row.earliest === null ? null : Number(row.earliest), scopePath: row.path }
    : null;
