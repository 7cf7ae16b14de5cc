import { and, eq, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { rolePermissions, roles, userRoles } from '../../../db/schema';
import type { PermissionExplanation, UserListItem, UserRecord } from '../../../schemas/users';
import type { Actor } from '../../authority/actor';
import { lineageGrantsCte } from '../../authority/effective-permissions';
import { companyInScopeFrom, companyQuery, pathInScope } from '../../authority/scope';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import {
  companyUsersPage,
  directSubUsers,
  toUserRecord,
  type UserRecordRow,
  userRecordQuery,
} from './users.repo';

export const iso = (d: Date | null) => (d === null ? null : d.toISOString());
export const emptyToNull = (v: string | null | undefined) => (v ? v : null);
export const parseExpiry = (value: string | null | undefined) =>
  value === null || value === undefined ? null : Date.parse(value);

/** Outside the actor's scope a user does not exist: the same 404 as for an unknown id. */
export function userRowInScope<T extends { company_path: string }>(
  actor: Actor,
  row: T | undefined,
): T {
  if (!row || !pathInScope(actor, row.company_path)) {
    throw new ApiError('NOT_FOUND', { message: 'No such user.' });
  }
  return row;
}

function toListItem(
  r: Omit<BatchResponse<[ReturnType<typeof directSubUsers>]>[0][number], 'companyPath'>,
): UserListItem {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    email: r.email,
    parentUserId: r.parentUserId,
    expiresAt: iso(r.expiresAt),
    status: r.status,
    subUserCount: Number(r.subUserCount),
  };
}

type PageQuery = { q?: string | undefined; cursor?: string | undefined; limit: number };

/** What a company's user list reads, batched with the actor: the company and the page. */
export const companyUsersReads = (db: DrizzleDb, companyId: string, query: PageQuery) =>
  [
    companyQuery(db, companyId),
    companyUsersPage(db, companyId, {
      q: query.q || undefined,
      cursor: query.cursor,
      limit: query.limit,
    }),
  ] as const;

export function companyUsersFrom(
  actor: Actor,
  [[company], rows]: BatchResponse<ReturnType<typeof companyUsersReads>>,
  limit: number,
) {
  companyInScopeFrom(actor, company);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    users: page.map(toListItem),
    nextCursor: rows.length > limit && last ? last.usernameKey : null,
  };
}

/** What the sub-user list reads, batched with the actor: the user (for scope) and the list. */
export const subUsersReads = (db: DrizzleDb, userId: string) =>
  [userRecordQuery(db, userId), directSubUsers(db, userId)] as const;

export function subUsersFrom(
  actor: Actor,
  [[user], subs]: BatchResponse<ReturnType<typeof subUsersReads>>,
) {
  userRowInScope(actor, user);
  // A sub-user may belong to a company outside the reader's scope: reads follow the scope.
  return subs.filter((s) => s.companyPath.startsWith(actor.scopePath)).map(toListItem);
}

/** One user as the API shows it, when in scope. */
export const userFrom = (actor: Actor, row: UserRecordRow | undefined): UserRecord =>
  toUserRecord(userRowInScope(actor, row));

/**
 * What the explanation reads, batched with the actor: the user, its roles that hold the
 * permission, and its chain (nearest first) with whether each account holds it itself.
 */
export const explainReads = (db: DrizzleDb, id: string, permission: string) =>
  [
    userRecordQuery(db, id),
    db
      .selectDistinct({ id: roles.id, name: roles.name })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .innerJoin(
        rolePermissions,
        and(eq(rolePermissions.roleId, roles.id), eq(rolePermissions.permission, permission)),
      )
      .where(eq(userRoles.userId, id))
      .orderBy(roles.name, roles.id),
    db.all<{ id: string; username: string | null; company_path: string | null; holds: number }>(
      sql`${lineageGrantsCte(id)}
      SELECT l.id, u.username, c.path AS company_path,
        EXISTS (SELECT 1 FROM lineage_grants g WHERE g.user_id = l.id AND g.permission = ${permission})
          AS holds
      FROM lineage l LEFT JOIN users u ON u.id = l.id LEFT JOIN companies c ON c.id = u.company_id
      ORDER BY l.depth`,
    ),
  ] as const;

/** Which role(s) or direct grant give a permission, or which ancestor's lack removes it. */
export function explainFrom(
  actor: Actor,
  permission: string,
  [[row], holdingRoles, chain]: BatchResponse<ReturnType<typeof explainReads>>,
): PermissionExplanation {
  const user = userFrom(actor, row);
  const held = user.effectivePermissions.includes(permission);
  const direct = user.permissions.includes(permission);
  let removedBy: PermissionExplanation['removedBy'] = null;
  if ((direct || holdingRoles.length > 0) && !held) {
    const lacking = chain.slice(1).find((link) => !link.holds);
    // An ancestor in a company outside the reader's scope is named only as such.
    const visible = lacking?.company_path?.startsWith(actor.scopePath);
    if (lacking) {
      removedBy = visible
        ? { id: lacking.id, username: lacking.username ?? lacking.id }
        : { id: null, username: null };
    }
  }
  return { permission, held, direct, roles: holdingRoles, removedBy };
}
