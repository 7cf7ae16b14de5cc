import { eq, or, type SQL, sql } from 'drizzle-orm';
import { companies, roles } from '../../../db/schema';
import { scopePathOf, underPathOf } from '../../authority/scope';
import type { DrizzleDb } from '../../lib/db';

/**
 * The roles feature's statements, as builders: a route batches its reads with the actor
 * (`authorize`, by the claimed user id) and its writes in one guarded batch.
 */

/**
 * A role with its owner company (name, path), its permissions (JSON array text) and how many
 * of its holders lie in the scope at `scopePath`: a role owned above the scope must not reveal
 * how many accounts hold it elsewhere on the platform.
 */
const roleColumns = (scopePath: SQL) => ({
  id: roles.id,
  name: roles.name,
  companyId: roles.companyId,
  companyName: companies.name,
  path: companies.path,
  permissions: sql<string>`(SELECT json_group_array(permission) FROM role_permissions WHERE role_id = roles.id)`,
  userCount: sql<number>`(SELECT count(*) FROM user_roles ur
    JOIN users u ON u.id = ur.user_id JOIN companies hc ON hc.id = u.company_id
    WHERE ur.role_id = roles.id AND ${underPathOf(sql`hc.path`, scopePath)})`,
});

export type RoleRow = Awaited<ReturnType<typeof roleQuery>>[number];

/**
 * Roles `userId` can see: owned in its scope (editable) or by a company above it (usable in
 * its subtree, read-only).
 */
export function rolesVisibleQuery(db: DrizzleDb, userId: string) {
  const scopePath = scopePathOf(userId);
  return db
    .select(roleColumns(scopePath))
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .where(
      or(underPathOf(companies.path, scopePath), underPathOf(scopePath, sql`${companies.path}`)),
    )
    .orderBy(companies.depth, roles.name);
}

/** One role, its holders counted in the scope of `userId`. */
export const roleQuery = (db: DrizzleDb, userId: string, id: string) =>
  db
    .select(roleColumns(scopePathOf(userId)))
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .where(eq(roles.id, id));

/** The company a new role would belong to, with its path for the scope check. */
export const ownerQuery = (db: DrizzleDb, id: string) =>
  db
    .select({ id: companies.id, name: companies.name, path: companies.path })
    .from(companies)
    .where(eq(companies.id, id));

/** The accounts holding the role (a query answering one id column). */
export const holdersOf = (roleId: string): SQL =>
  sql`SELECT user_id AS id FROM user_roles WHERE role_id = ${roleId}`;

/** Every holder of the role and how many, as JSON: for the audit entry of its deletion. */
export const holdersJson = (roleId: string): SQL =>
  sql`(SELECT json_group_array(user_id) FROM user_roles WHERE role_id = ${roleId})`;

export const holderCount = (roleId: string): SQL =>
  sql`(SELECT count(*) FROM user_roles WHERE role_id = ${roleId})`;
