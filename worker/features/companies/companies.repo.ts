import { and, count, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { companies, roles, users } from '../../../db/schema';
import { underPath } from '../../authority/scope';
import type { DbOrTx, DrizzleDb } from '../../lib/db';

export interface CompanyRow {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
  childCount: number;
}

type BareRow = { id: string; name: string; parentId: string | null };

const bareColumns = { id: companies.id, name: companies.name, parentId: companies.parentId };

/** Adds each company's own user count and number of direct subsidiaries (indexed lookups). */
export async function withCounts(db: DrizzleDb, rows: BareRow[]): Promise<CompanyRow[]> {
  const usersBy = new Map<string, number>();
  const childrenBy = new Map<string, number>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const [userRows, childRows] = await db.batch([
      db
        .select({ id: users.companyId, n: count() })
        .from(users)
        .where(inArray(users.companyId, slice))
        .groupBy(users.companyId),
      db
        .select({ id: companies.parentId, n: count() })
        .from(companies)
        .where(inArray(companies.parentId, slice))
        .groupBy(companies.parentId),
    ]);
    for (const r of userRows) usersBy.set(r.id, r.n);
    for (const r of childRows) if (r.id) childrenBy.set(r.id, r.n);
  }
  return rows.map((r) => ({
    ...r,
    userCount: usersBy.get(r.id) ?? 0,
    childCount: childrenBy.get(r.id) ?? 0,
  }));
}

/** The company at `rootPath` and its subsidiaries down to `maxDepth` (absolute depth). */
export async function listSubtree(
  db: DrizzleDb,
  rootPath: string,
  maxDepth: number,
): Promise<CompanyRow[]> {
  const rows = await db
    .select(bareColumns)
    .from(companies)
    .where(and(underPath(companies.path, rootPath), lte(companies.depth, maxDepth)))
    .orderBy(companies.depth, companies.name);
  return withCounts(db, rows);
}

/** The direct subsidiaries of one company. */
export async function listChildren(db: DrizzleDb, parentId: string): Promise<CompanyRow[]> {
  const rows = await db
    .select(bareColumns)
    .from(companies)
    .where(eq(companies.parentId, parentId))
    .orderBy(companies.name);
  return withCounts(db, rows);
}

/** Names of the companies on a materialized path, in path order. */
export async function companiesOnPath(db: DrizzleDb, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db.select(bareColumns).from(companies).where(inArray(companies.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as BareRow] : []));
}

/**
 * Companies under `rootPath` whose name contains `q`, or that hold a user whose name does,
 * plus every ancestor up to the root so the matches can be shown in place.
 */
export async function searchSubtree(
  db: DrizzleDb,
  rootPath: string,
  q: string,
  limit = 200,
): Promise<CompanyRow[]> {
  const needle = `%${q.replaceAll(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
  const matchName = sql`${companies.name} LIKE ${needle} ESCAPE '\\'`;
  const matchUser = sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.companyId} = ${companies.id}
    AND (${users.usernameKey} LIKE ${needle.toLowerCase()} ESCAPE '\\'
      OR ${users.displayName} LIKE ${needle} ESCAPE '\\'))`;
  const matches = await db
    .select({ path: companies.path })
    .from(companies)
    .where(and(underPath(companies.path, rootPath), or(matchName, matchUser)))
    .limit(limit);
  if (matches.length === 0) return [];
  const ids = new Set<string>();
  const rootId = rootPath.split('/').at(-2);
  if (rootId) ids.add(rootId);
  for (const m of matches) {
    for (const id of m.path.slice(rootPath.length).split('/')) if (id) ids.add(id);
  }
  const list = [...ids];
  const rows: BareRow[] = [];
  for (let i = 0; i < list.length; i += 500) {
    rows.push(
      ...(await db
        .select(bareColumns)
        .from(companies)
        .where(inArray(companies.id, list.slice(i, i + 500)))
        .orderBy(companies.depth, companies.name)),
    );
  }
  return withCounts(db, rows);
}

/** How much a company still holds: subsidiaries, users (members or scoped to it), roles. */
export async function companyContents(db: DbOrTx, id: string) {
  // Sequential on purpose: a transaction's statements share one stream.
  const children = await db
    .select({ n: count() })
    .from(companies)
    .where(eq(companies.parentId, id));
  const members = await db
    .select({ n: count() })
    .from(users)
    .where(or(eq(users.companyId, id), eq(users.relatedCompanyId, id)));
  const roleRows = await db.select({ n: count() }).from(roles).where(eq(roles.companyId, id));
  return {
    companies: children[0]?.n ?? 0,
    users: members[0]?.n ?? 0,
    roles: roleRows[0]?.n ?? 0,
  };
}
