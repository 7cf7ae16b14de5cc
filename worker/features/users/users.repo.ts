import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { companies, users } from '../../../db/schema';
import type { MfaConfig } from '../../../schemas/mfa';
import type { UserRecord } from '../../../schemas/users';
import { effectivePermissionsJson } from '../../authority/effective-permissions';
import type { DrizzleDb } from '../../lib/db';

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
export function companyUsersPage(
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

/** The direct sub-users of a user, with the path of each one's company (for the scope check). */
export function directSubUsers(db: DrizzleDb, userId: string) {
  return db
    .select({ ...listColumns, companyPath: companies.path })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.parentUserId, userId))
    .orderBy(asc(users.usernameKey));
}

/** The account holding this username (case-insensitive), as a batchable query. */
export const usernameHolderQuery = (db: DrizzleDb, username: string) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.usernameKey, username.toLowerCase()))
    .limit(1);

/** The user and every sub-user below it, at any depth (a query answering one `id` column). */
export const subtreeOf = (userId: string) => sql`WITH RECURSIVE tree(id) AS (
      SELECT id FROM users WHERE id = ${userId}
      UNION ALL
      SELECT u.id FROM users u JOIN tree ON u.parent_user_id = tree.id
    ) SELECT id FROM tree`;

/**
 * A user as the API shows it, with its company's path, in one statement: its grants and
 * effective permissions as JSON arrays. Raw SQL so that its rows read the same from
 * `authorize`'s batch and from a write batch (which reads the result back after its writes).
 */
export const userRecordSql = (id: string) => sql`
  SELECT u.id, u.username, u.display_name, u.email, u.phone, u.company_id,
    u.related_company_id, u.parent_user_id, u.expires_at, u.status, u.token_long_term,
    u.token_ttl_minutes, u.token_exclusive, u.app_lock_minutes, u.mfa_web_login, u.mfa_app_login,
    u.mfa_app_unlock, u.created_at, u.updated_at, c.path AS company_path,
    (SELECT json_group_array(permission) FROM user_permissions WHERE user_id = u.id) AS permissions,
    (SELECT json_group_array(role_id) FROM user_roles WHERE user_id = u.id) AS role_ids,
    ${effectivePermissionsJson(id)} AS effective,
    (SELECT count(*) FROM users s WHERE s.parent_user_id = u.id) AS sub_user_count,
    f.enrolled_at AS face_enrolled_at, f.photo IS NOT NULL AS face_has_photo
  FROM users u JOIN companies c ON c.id = u.company_id
    LEFT JOIN face_templates f ON f.user_id = u.id
  WHERE u.id = ${id}`;

export interface UserRecordRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  company_id: string;
  related_company_id: string;
  parent_user_id: string | null;
  expires_at: number | null;
  status: 'active' | 'disabled';
  token_long_term: number;
  token_ttl_minutes: number;
  app_lock_minutes: number;
  mfa_web_login: MfaConfig['webLogin'];
  mfa_app_login: MfaConfig['appLogin'];
  mfa_app_unlock: MfaConfig['appUnlock'];
  token_exclusive: number;
  created_at: number;
  updated_at: number;
  company_path: string;
  permissions: string;
  role_ids: string;
  effective: string;
  sub_user_count: number;
  face_enrolled_at: number | null;
  face_has_photo: number | null;
}

/** {@link userRecordSql} for `authorize`'s batch. */
export const userRecordQuery = (db: DrizzleDb, id: string) =>
  db.all<UserRecordRow>(userRecordSql(id));

const sortedJson = (json: string): string[] => (JSON.parse(json) as string[]).sort();
const isoOf = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The API's shape of a {@link userRecordSql} row. */
export function toUserRecord(row: UserRecordRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    companyId: row.company_id,
    relatedCompanyId: row.related_company_id,
    parentUserId: row.parent_user_id,
    expiresAt: isoOf(row.expires_at),
    status: row.status,
    tokenConfig: {
      longTerm: Boolean(row.token_long_term),
      ttlMinutes: Number(row.token_ttl_minutes),
      exclusiveLogin: Boolean(row.token_exclusive),
      appLockMinutes: Number(row.app_lock_minutes),
    },
    mfa: {
      webLogin: row.mfa_web_login,
      appLogin: row.mfa_app_login,
      appUnlock: row.mfa_app_unlock,
    },
    face: {
      enrolled: row.face_enrolled_at !== null,
      enrolledAt: isoOf(row.face_enrolled_at),
      hasPhoto: Boolean(row.face_has_photo),
    },
    roleIds: sortedJson(row.role_ids),
    permissions: sortedJson(row.permissions),
    effectivePermissions: sortedJson(row.effective),
    subUserCount: Number(row.sub_user_count),
    createdAt: isoOf(row.created_at) ?? '',
    updatedAt: isoOf(row.updated_at) ?? '',
  };
}
