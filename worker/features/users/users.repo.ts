import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { rolePermissions, roles, userPermissions, userRoles, users } from '../../../db/schema';
import type { DbOrTx, DrizzleDb } from '../../lib/db';

/** The user and every sub-user below it, at any depth (ids, nearest first). */
export async function descendantIds(db: DbOrTx, userId: string): Promise<string[]> {
  return (await subtreeAccounts(db, userId)).map((r) => r.id);
}

/** The user and every sub-user below it, at any depth, with their usernames. */
export async function subtreeAccounts(
  db: DbOrTx,
  userId: string,
): Promise<{ id: string; username: string }[]> {
  return db.all<{ id: string; username: string }>(sql`WITH RECURSIVE tree(id) AS (
      SELECT id FROM users WHERE id = ${userId}
      UNION ALL
      SELECT u.id FROM users u JOIN tree ON u.parent_user_id = tree.id
    ) SELECT u.id, u.username FROM users u JOIN tree ON tree.id = u.id`);
}

// Written out: in a select list drizzle renders `users.id` unqualified, which would bind to `s`.
/** The users and every sub-user below any of them, in one recursive query. */
export async function descendantsOfMany(db: DbOrTx, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.all<{ id: string }>(sql`WITH RECURSIVE tree(id) AS (
      SELECT value FROM json_each(${JSON.stringify(userIds)})
      UNION
      SELECT u.id FROM users u JOIN tree ON u.parent_user_id = tree.id
    ) SELECT id FROM tree`);
  return rows.map((r) => r.id);
}

const subUserCount = sql<number>`(SELECT count(*) FROM users s WHERE s.parent_user_id = "users"."id")`;

export const listColumns = {
  id: users.id,
  username: users.username,
  usernameKey: users.usernameKey,
  displayName: users.displayName,
  email: users.email,
  parentUserId: users.parentUserId,
  expiresAt: users.expiresAt,
  status: users.status,
  subUserCount,
};

/** One page of a company's users by username, after `cursor` (a username key). */
export async function companyUsersPage(
  db: DrizzleDb,
  companyId: string,
  opts: { q?: string; cursor?: string; limit: number },
) {
  const filters = [eq(users.companyId, companyId)];
  if (opts.cursor) filters.push(gt(users.usernameKey, opts.cursor));
  if (opts.q) {
    const needle = opts.q.replaceAll(/[%_\\]/g, (ch) => `\\${ch}`);
    filters.push(
      or(
        sql`${users.usernameKey} LIKE ${`${needle.toLowerCase()}%`} ESCAPE '\\'`,
        sql`${users.displayName} LIKE ${`%${needle}%`} ESCAPE '\\'`,
      ) ?? sql`1`,
    );
  }
  return db
    .select(listColumns)
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.usernameKey))
    .limit(opts.limit + 1);
}

export async function directSubUsers(db: DrizzleDb, userId: string) {
  return db
    .select(listColumns)
    .from(users)
    .where(eq(users.parentUserId, userId))
    .orderBy(asc(users.usernameKey));
}

export async function userGrants(db: DbOrTx, userId: string) {
  const direct = await db
    .select({ permission: userPermissions.permission })
    .from(userPermissions)
    .where(eq(userPermissions.userId, userId));
  const held = await db
    .select({ id: roles.id, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId));
  return { permissions: direct.map((r) => r.permission).sort(), roles: held };
}

/** Roles with their permission keys. */
export async function rolesWithPermissions(db: DbOrTx, roleIds: string[]) {
  if (roleIds.length === 0) return [];
  const rows = await db
    .select({
      id: roles.id,
      name: roles.name,
      companyId: roles.companyId,
      permission: rolePermissions.permission,
    })
    .from(roles)
    .leftJoin(rolePermissions, eq(rolePermissions.roleId, roles.id))
    .where(inArray(roles.id, roleIds));
  const byId = new Map<
    string,
    { id: string; name: string; companyId: string; permissions: string[] }
  >();
  for (const r of rows) {
    const role = byId.get(r.id) ?? {
      id: r.id,
      name: r.name,
      companyId: r.companyId,
      permissions: [],
    };
    if (r.permission) role.permissions.push(r.permission);
    byId.set(r.id, role);
  }
  return [...byId.values()];
}

export async function usernameTaken(db: DbOrTx, username: string, exceptId?: string) {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.usernameKey, username.toLowerCase()))
    .get();
  return row !== undefined && row.id !== exceptId;
}
