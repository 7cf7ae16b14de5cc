import { and, eq, sql } from 'drizzle-orm';
import { companies } from '../../../db/schema';
import { scopePathOf, underPathOf } from '../../authority/scope';
import type { DrizzleDb } from '../../lib/db';

/**
 * The companies feature's statements. Each is a builder, so a route batches it with the actor
 * (`authorize`) or with its write: one round trip either way.
 */

export interface CompanyRow {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  childCount: number;
}

/**
 * Each company's own user count and number of direct subsidiaries (indexed lookups). The
 * outer table is named in full: drizzle leaves columns unqualified in one-table selects.
 */
const countedColumns = {
  id: companies.id,
  name: companies.name,
  parentId: companies.parentId,
  userCount: sql<number>`(SELECT count(*) FROM users cu WHERE cu.company_id = companies.id)`,
  childCount: sql<number>`(SELECT count(*) FROM companies cc WHERE cc.parent_id = companies.id)`,
};

/** One company with its path, depth and counts (scope is judged on its path by the caller). */
export const companyQuery = (db: DrizzleDb, id: string) =>
  db
    .select({ ...countedColumns, path: companies.path, depth: companies.depth })
    .from(companies)
    .where(eq(companies.id, id));

export type CompanyRecord = Awaited<ReturnType<typeof companyQuery>>[number];

/** The scope company of `userId` and its subsidiaries, `levels` below it. */
export const subtreeQuery = (db: DrizzleDb, userId: string, levels: number) =>
  db
    .select(countedColumns)
    .from(companies)
    .where(
      and(
        underPathOf(companies.path, scopePathOf(userId)),
        sql`${companies.depth} <= (SELECT sc.depth FROM users su JOIN companies sc ON sc.id = su.related_company_id WHERE su.id = ${userId}) + ${levels}`,
      ),
    )
    .orderBy(companies.depth, companies.name);

/** The direct subsidiaries of one company. */
export const childrenQuery = (db: DrizzleDb, parentId: string) =>
  db
    .select(countedColumns)
    .from(companies)
    .where(eq(companies.parentId, parentId))
    .orderBy(companies.name);

/** The companies above `id` (its parent first), each with its path for the scope check. */
export const ancestorsQuery = (db: DrizzleDb, id: string) =>
  db.all<{ id: string; name: string; parentId: string | null; path: string; depth: number }>(sql`
    WITH RECURSIVE above(id) AS (
      SELECT parent_id FROM companies WHERE id = ${id}
      UNION ALL
      SELECT c.parent_id FROM companies c JOIN above ON c.id = above.id
    )
    SELECT c.id, c.name, c.parent_id AS parentId, c.path, c.depth
      FROM above JOIN companies c ON c.id = above.id ORDER BY c.depth`);

/**
 * Companies in the scope of `userId` whose name contains `q`, or that hold a user whose name
 * does (at most `limit` matches), with every ancestor up to the scope root so the matches can
 * be shown in place.
 */
export function searchQuery(db: DrizzleDb, userId: string, q: string, limit = 200) {
  const needle = `%${q.replaceAll(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  const matchName = sql`m.name LIKE ${needle} ESCAPE '\\'`;
  const matchUser = sql`EXISTS (SELECT 1 FROM users mu WHERE mu.company_id = m.id
    AND (mu.username_key LIKE ${needle.toLowerCase()} ESCAPE '\\'
      OR mu.display_name LIKE ${needle} ESCAPE '\\'))`;
  const scopePath = scopePathOf(userId);
  const shown = sql`
    WITH RECURSIVE
      matches(id, parent_id) AS (
        SELECT m.id, m.parent_id FROM companies m
          WHERE ${underPathOf(sql`m.path`, scopePath)} AND (${matchName} OR ${matchUser})
          LIMIT ${limit}
      ),
      shown(id, parent_id) AS (
        SELECT id, parent_id FROM matches
        UNION
        SELECT c.id, c.parent_id FROM companies c JOIN shown ON c.id = shown.parent_id
      )
    SELECT id FROM shown`;
  return db
    .select(countedColumns)
    .from(companies)
    .where(and(sql`${companies.id} IN (${shown})`, underPathOf(companies.path, scopePath)))
    .orderBy(companies.depth, companies.name);
}

/** What a company still holds: subsidiaries, users (members or scoped to it), roles. */
export const contentsQuery = (db: DrizzleDb, id: string) =>
  db.all<{ companies: number; users: number; roles: number }>(sql`
    SELECT (SELECT count(*) FROM companies WHERE parent_id = ${id}) AS companies,
      (SELECT count(*) FROM users WHERE company_id = ${id} OR related_company_id = ${id}) AS users,
      (SELECT count(*) FROM roles WHERE company_id = ${id}) AS roles`);
