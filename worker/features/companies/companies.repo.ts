import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import { companies, roles, users } from '../../../db/schema';
import type { DbOrTx, DrizzleDb } from '../../lib/db';
import { underPath } from '../../lib/scope';

export interface CompanyRow {
  id: string;
  name: string;
  parentId: string | null;
  userCount: number;
}

/** User counts of the given companies (own users only, not subsidiaries'). */
async function userCounts(db: DrizzleDb, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db
      .select({ companyId: users.companyId, n: count() })
      .from(users)
      .where(inArray(users.companyId, slice))
      .groupBy(users.companyId);
    for (const r of rows) counts.set(r.companyId, r.n);
  }
  return counts;
}

/** The company at `rootPath` and all its subsidiaries, with their user counts. */
export async function listSubtree(db: DrizzleDb, rootPath: string): Promise<CompanyRow[]> {
  const [rows, counts] = await db.batch([
    db
      .select({ id: companies.id, name: companies.name, parentId: companies.parentId })
      .from(companies)
      .where(underPath(companies.path, rootPath))
      .orderBy(companies.depth, companies.name),
    db
      .select({ companyId: users.companyId, n: count() })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .where(underPath(companies.path, rootPath))
      .groupBy(users.companyId),
  ]);
  const byCompany = new Map(counts.map((r) => [r.companyId, r.n]));
  return rows.map((r) => ({ ...r, userCount: byCompany.get(r.id) ?? 0 }));
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
  const rows = [];
  for (let i = 0; i < list.length; i += 500) {
    rows.push(
      ...(await db
        .select({ id: companies.id, name: companies.name, parentId: companies.parentId })
        .from(companies)
        .where(inArray(companies.id, list.slice(i, i + 500)))
        .orderBy(companies.depth, companies.name)),
    );
  }
  const counts = await userCounts(db, list);
  return rows.map((r) => ({ ...r, userCount: counts.get(r.id) ?? 0 }));
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
