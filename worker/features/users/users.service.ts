import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { PermissionExplanation, UserListItem, UserRecord } from '../../../schemas/users';
import { loadAccountChain, loadGrants } from '../../authority/account.repo';
import type { Actor } from '../../authority/actor';
import { effectivePermissionsOf } from '../../authority/effective-permissions';
import { companyInScope, userInScope } from '../../authority/scope';
import type { DrizzleDb } from '../../lib/db';
import {
  companyUsersPage,
  directSubUsers,
  listColumns,
  rolesWithPermissions,
  userGrants,
} from './users.repo';

export const iso = (d: Date | null) => (d === null ? null : d.toISOString());
export const emptyToNull = (v: string | null | undefined) => (v ? v : null);
export const parseExpiry = (value: string | null | undefined) =>
  value === null || value === undefined ? null : Date.parse(value);

function toListItem(r: Awaited<ReturnType<typeof directSubUsers>>[number]): UserListItem {
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

export async function listCompanyUsers(
  db: DrizzleDb,
  actor: Actor,
  companyId: string,
  query: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  await companyInScope(db, actor, companyId);
  const rows = await companyUsersPage(db, companyId, {
    q: query.q || undefined,
    cursor: query.cursor,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    users: page.map(toListItem),
    nextCursor: rows.length > query.limit && last ? last.usernameKey : null,
  };
}

export async function listSubUsers(db: DrizzleDb, actor: Actor, userId: string) {
  await userInScope(db, actor, userId);
  return (await directSubUsers(db, userId)).map(toListItem);
}

export async function getUser(db: DrizzleDb, actor: Actor, id: string): Promise<UserRecord> {
  const user = await userInScope(db, actor, id);
  const [grants, chain, subs] = await Promise.all([
    userGrants(db, id),
    loadAccountChain(db, id),
    db.select(listColumns).from(users).where(eq(users.parentUserId, id)),
  ]);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    companyId: user.companyId,
    relatedCompanyId: user.relatedCompanyId,
    parentUserId: user.parentUserId,
    expiresAt: iso(user.expiresAt),
    status: user.status,
    tokenConfig: {
      longTerm: user.tokenLongTerm,
      ttlMinutes: user.tokenTtlMinutes,
      exclusiveLogin: user.tokenExclusive,
    },
    roleIds: grants.roles.map((r) => r.id).sort(),
    permissions: grants.permissions,
    effectivePermissions: await effectivePermissionsOf(db, chain),
    subUserCount: subs.length,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** Which role(s) or direct grant give a permission, or which ancestor's lack removes it. */
export async function explainPermission(
  db: DrizzleDb,
  actor: Actor,
  id: string,
  permission: string,
): Promise<PermissionExplanation> {
  await userInScope(db, actor, id);
  const chain = await loadAccountChain(db, id);
  const [own, grants, effective] = await Promise.all([
    userGrants(db, id),
    loadGrants(
      db,
      chain.map((l) => l.id),
    ),
    effectivePermissionsOf(db, chain),
  ]);
  const roles = await rolesWithPermissions(
    db,
    own.roles.map((r) => r.id),
  );
  const holdingRoles = roles
    .filter((r) => r.permissions.includes(permission))
    .map((r) => ({ id: r.id, name: r.name }));
  let removedBy: PermissionExplanation['removedBy'] = null;
  const direct = own.permissions.includes(permission);
  if ((direct || holdingRoles.length > 0) && !effective.includes(permission)) {
    for (const link of chain.slice(1)) {
      const g = grants.get(link.id);
      if (!g || (!g.direct.includes(permission) && !g.roles.includes(permission))) {
        const row = await db
          .select({ username: users.username })
          .from(users)
          .where(eq(users.id, link.id))
          .get();
        removedBy = { id: link.id, username: row?.username ?? link.id };
        break;
      }
    }
  }
  return {
    permission,
    held: effective.includes(permission),
    direct,
    roles: holdingRoles,
    removedBy,
  };
}
