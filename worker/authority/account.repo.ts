export type { ChainLink } from './account-standing';

import { eq, type SQL, sql } from 'drizzle-orm';
import { companies, faceTemplates, users } from '../../db/schema';
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
      mfaWebLogin: users.mfaWebLogin,
      mfaAppLogin: users.mfaAppLogin,
      mfaAppUnlock: users.mfaAppUnlock,
      appLockMinutes: users.appLockMinutes,
      faceEnrolledAt: faceTemplates.enrolledAt,
      faceHasPhoto: sql<number>`${faceTemplates.photo} IS NOT NULL`,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .leftJoin(faceTemplates, eq(faceTemplates.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
}

export type UserProfileRow = Awaited<ReturnType<typeof userProfileQuery>>[number];

/** The public shape of a user as `/me` and the login answer show it. */
export function toMeUser(row: UserProfileRow): MeUser {
  const { mfaWebLogin, mfaAppLogin, mfaAppUnlock, faceEnrolledAt, faceHasPhoto, ...profile } = row;
  return {
    ...profile,
    expiresAt: row.expiresAt === null ? null : row.expiresAt.toISOString(),
    mfa: { webLogin: mfaWebLogin, appLogin: mfaAppLogin, appUnlock: mfaAppUnlock },
    face: {
      enrolled: faceEnrolledAt !== null,
      enrolledAt: faceEnrolledAt === null ? null : faceEnrolledAt.toISOString(),
      hasPhoto: Boolean(faceHasPhoto),
    },
  };
}

/** Stores a new hash of the same password (new parameters); answers the `updatedAt` written. */
export async function updatePasswordHash(
  db: DrizzleDb,
  userId: string,
  passwordHash: string,
): Promise<Date> {
  const updatedAt = new Date();
  await db.update(users).set({ passwordHash, updatedAt }).where(eq(users.id, userId));
  return updatedAt;
}

/**
 * The accounts `roots` names (a query answering one id column) and every sub-user below them,
 * at any depth: whose standing or effective permissions follow theirs.
 */
export const withSubUsers = (roots: SQL): SQL => sql`WITH RECURSIVE tree(id) AS (
      SELECT id FROM (${roots})
      UNION
      SELECT u.id FROM users u JOIN tree ON u.parent_user_id = tree.id
    ) SELECT id FROM tree`;
