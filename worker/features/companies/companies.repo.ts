import { count, eq, like } from 'drizzle-orm';
import { companies, users } from '../../../db/schema';
import type { DrizzleDb } from '../../lib/db';

/** The company `rootId` and all its subsidiaries, with their user counts. */
export async function listSubtree(db: DrizzleDb, rootId: string) {
  const root = await db
    .select({ path: companies.path })
    .from(companies)
    .where(eq(companies.id, rootId))
    .get();
  if (!root) return [];
  const [rows, counts] = await db.batch([
    db
      .select({ id: companies.id, name: companies.name, parentId: companies.parentId })
      .from(companies)
      .where(like(companies.path, `${root.path}%`))
      .orderBy(companies.depth, companies.name),
    db
      .select({ companyId: users.companyId, n: count() })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.companyId))
      .where(like(companies.path, `${root.path}%`))
      .groupBy(users.companyId),
  ]);
  const byCompany = new Map(counts.map((r) => [r.companyId, r.n]));
  return rows.map((r) => ({ ...r, userCount: byCompany.get(r.id) ?? 0 }));
}
