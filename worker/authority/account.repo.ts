export type { ChainLink } from './account-standing';

import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { companies, rolePermissions, userPermissions, userRoles, users } from '../../db/schema';
import type { MeUser } from '../../schemas/me';
import type { DrizzleDb } from '../lib/db';
import type { ChainLink } from './account-standing';
import { type ChainRow, chainRowsToLinks, chainSelect } from './actor-reads';

/**
 * The user followed by its ancestors (parent, grandparent …), nearest first, in one
 * recursive query. A missing ancestor shows as a chain that stops at a dangling parent id.
 */
export async function loadAccountChain(db: DrizzleDb, userId: string): Promise<ChainLink[]> {
  const rows = await db.all<ChainRow>(chainSelect(sql`id = ${userId}`));
  return chainRowsToLinks(rows);
}

/** The profile of a user as a batchable query (its company's name joined). */
export function userProfileQuery(db: DrizzleDb, userId: string | SQL) {
  return db
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
}

export type UserProfileRow = Awaited<ReturnType<typeof userProfileQuery>>[number];

/** The public shape of a user as `/me` and the login answer show it. */
export function toMeUser(row: UserProfileRow): MeUser {
  return { ...row, expiresAt: row.expiresAt === null ? null : row.expiresAt.toISOString() };
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
