import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../lib/db';
import { readableInstant } from '../lib/encoding';
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
 * Sets the expiry of every account of `targets` (a query answering one `id` column) to
 * `value`, capped by its parent's, and carries the change down: every sub-user below ends no
 * later than its parent. One statement; answers the ids whose stored expiry changed.
 */
export async function setExpiryInOrder(
  db: DbOrTx,
  targets: SQL,
  value: number | null,
  now: number,
): Promise<string[]> {
  const v = sql`${value}`;
  const rows = await db.all<{ id: string }>(sql`
    WITH RECURSIVE
      targets(id) AS (${targets}),
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
      )
    UPDATE users SET expires_at = (SELECT v FROM final WHERE final.id = users.id), updated_at = ${now}
    WHERE id IN (SELECT id FROM final)
      AND expires_at IS NOT (SELECT v FROM final WHERE final.id = users.id)
    RETURNING id`);
  return rows.map((r) => r.id);
}

/** 409 EXCEEDS_PARENT when a sub-user would outlive its parent chain. */
export function assertExpiryWithinParent(
  parentExpiresAt: number | null | undefined,
  expiresAt: number | null,
  field = 'expiresAt',
): void {
  if (parentExpiresAt === undefined || parentExpiresAt === null) return;
  if (expiresAt === null || expiresAt > parentExpiresAt) {
    throw new ApiError('EXCEEDS_PARENT', {
      message: `A sub-user cannot stay valid longer than its parent (${readableInstant(parentExpiresAt)}).`,
      field,
      details: { max: new Date(parentExpiresAt).toISOString() },
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
 * How many sub-users (at any depth) of `userId` see, or belong to a company, outside
 * `scopePath`.
 */
export async function subUsersOutsideScope(
  db: DbOrTx,
  userId: string,
  scopePath: string,
): Promise<number> {
  const end = `${scopePath}~`;
  const row = await db.get<{ n: number }>(sql`
    WITH RECURSIVE below(id) AS (
      SELECT id FROM users WHERE parent_user_id = ${userId}
      UNION ALL
      SELECT u.id FROM users u JOIN below ON u.parent_user_id = below.id
    )
    SELECT count(*) AS n FROM below
      JOIN users u ON u.id = below.id
      JOIN companies c ON c.id = u.related_company_id
      JOIN companies h ON h.id = u.company_id
    WHERE NOT (c.path >= ${scopePath} AND c.path < ${end})
       OR NOT (h.path >= ${scopePath} AND h.path < ${end})`);
  return Number(row?.n ?? 0);
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

/**
 * Run last inside a write transaction that changed `ids` (or hung a sub-user under them): 409
 * EXCEEDS_PARENT when any pair they take part in is out of order. The transaction holds the
 * write lock, so a concurrent request that moved the other side first is seen here, and this
 * one rolls back instead of leaving the chain disordered.
 */
export async function assertOrderedAround(db: DbOrTx, ids: readonly string[]): Promise<void> {
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (${disorderedAround(ids)})`,
  );
  if (Number(row?.n ?? 0) > 0) throw disorderedError();
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

/** The parent's earliest expiry along its own chain and its scope path, for a sub-user. */
export async function parentBounds(
  db: DbOrTx,
  parentId: string,
): Promise<{ expiresAt: number | null; scopePath: string } | null> {
  const row = await db.get<{ earliest: number | null; path: string }>(sql`
    WITH RECURSIVE chain(id, parent, expires_at) AS (
      SELECT id, parent_user_id, expires_at FROM users WHERE id = ${parentId}
      UNION ALL
      SELECT p.id, p.parent_user_id, p.expires_at FROM users p JOIN chain ON p.id = chain.parent
    )
    SELECT (SELECT min(expires_at) FROM chain) AS earliest, c.path AS path
      FROM users u JOIN companies c ON c.id = u.related_company_id WHERE u.id = ${parentId}`);
  if (!row) return null;
  return { expiresAt: row.earliest === null ? null : Number(row.earliest), scopePath: row.path };
}
