import { eq, inArray, sql } from 'drizzle-orm';
import { companies, rolePermissions, userPermissions, userRoles, users } from '../../db/schema';
import type { MeUser } from '../../schemas/me';
import type { DrizzleDb } from '../lib/db';

export interface ChainLink {
  id: string;
  parentUserId: string | null;
  status: 'active' | 'disabled';
  expiresAt: number | null;
  mustChangePassword: boolean;
}

/**
 * The user followed by its ancestors (parent, grandparent …), nearest first, in one
 * recursive query. A missing ancestor shows as a chain that stops at a dangling parent id.
 */
export async function loadAccountChain(db: DrizzleDb, userId: string): Promise<ChainLink[]> {
  const rows = await db.all<{
    id: string;
    parent_user_id: string | null;
    status: 'active' | 'disabled';
    expires_at: number | null;
    must_change_password: number;
  }>(sql`WITH RECURSIVE chain(id, parent_user_id, status, expires_at, must_change_password, depth) AS (
      SELECT id, parent_user_id, status, expires_at, must_change_password, 0
      FROM users WHERE id = ${userId}
      UNION ALL
      SELECT u.id, u.parent_user_id, u.status, u.expires_at, u.must_change_password, chain.depth + 1
      FROM users u JOIN chain ON u.id = chain.parent_user_id
    ) SELECT id, parent_user_id, status, expires_at, must_change_password FROM chain ORDER BY depth`);
  return rows.map((r) => ({
    id: r.id,
    parentUserId: r.parent_user_id,
    status: r.status,
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    mustChangePassword: Boolean(r.must_change_password),
  }));
}

export async function findUserByUsername(db: DrizzleDb, username: string) {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.usernameKey, username.toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserProfile(db: DrizzleDb, userId: string) {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      companyId: users.companyId,
      companyName: companies.name,
      relatedCompanyId: users.relatedCompanyId,
      parentUserId: users.parentUserId,
      expiresAt: users.expiresAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

/** Direct grants and role grants of each user in `userIds`, keyed by user. */
export async function loadGrants(
  db: DrizzleDb,
  userIds: string[],
): Promise<Map<string, { direct: string[]; roles: string[] }>> {
  const grants = new Map(
    userIds.map((id) => [id, { direct: [] as string[], roles: [] as string[] }]),
  );
  if (userIds.length === 0) return grants;
  const [direct, viaRoles] = await db.batch([
    db
      .select({ userId: userPermissions.userId, permission: userPermissions.permission })
      .from(userPermissions)
      .where(inArray(userPermissions.userId, userIds)),
    db
      .select({ userId: userRoles.userId, permission: rolePermissions.permission })
      .from(userRoles)
      .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId))
      .where(inArray(userRoles.userId, userIds)),
  ]);
  for (const row of direct) grants.get(row.userId)?.direct.push(row.permission);
  for (const row of viaRoles) grants.get(row.userId)?.roles.push(row.permission);
  return grants;
}

export async function updatePasswordHash(db: DrizzleDb, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** The public shape of a user as `/me` and the login answer show it. */
export async function loadProfile(db: DrizzleDb, userId: string): Promise<MeUser | null> {
  const row = await findUserProfile(db, userId);
  if (!row) return null;
  return { ...row, expiresAt: row.expiresAt === null ? null : row.expiresAt.toISOString() };
}
