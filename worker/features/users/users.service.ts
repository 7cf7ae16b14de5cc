import { and, eq, inArray, sql } from 'drizzle-orm';
import { companies, userPermissions, userRoles, users } from '../../../db/schema';
import type {
  CreateUserInput,
  ExpiryUpdateInput,
  PermissionExplanation,
  UpdateUserInput,
  UserListItem,
  UserRecord,
} from '../../../schemas/users';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { assertPasswordAcceptable, namesAfterEdit } from '../../lib/password-policy';
import { companyInScope, underPath, userInScope } from '../../lib/scope';
import type { ServiceContext } from '../../lib/service-context';
import { auditInsert } from '../audit/audit.record';
import { loadAccountChain, loadGrants } from '../auth/account.repo';
import type { Actor } from '../auth/actor';
import { effectivePermissionsOf } from '../auth/effective-permissions';
import { broadcastTo, endSessionsOf, recheckAccounts } from '../sessions/hub-fanout';
import {
  assertAdditionsGrantable,
  assertExpiryWithin,
  assertGrantable,
  assertRolesAssignable,
} from './grant-ceiling';
import {
  companyUsersPage,
  descendantIds,
  descendantsOfMany,
  directSubUsers,
  listColumns,
  rolesWithPermissions,
  userGrants,
  usernameTaken,
} from './users.repo';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const emptyToNull = (v: string | null | undefined) => (v ? v : null);

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

/** The scope (related company) must lie inside the actor's and, for a sub-user, the parent's. */
async function checkPlacement(
  ctx: ServiceContext,
  input: { companyId: string; relatedCompanyId: string },
  parent: { relatedCompanyId: string } | null,
) {
  const company = await companyInScope(ctx.db, ctx.actor, input.companyId, 'companyId');
  const related = await companyInScope(
    ctx.db,
    ctx.actor,
    input.relatedCompanyId,
    'relatedCompanyId',
  );
  if (parent) {
    const parentScope = await ctx.db
      .select({ path: companies.path })
      .from(companies)
      .where(eq(companies.id, parent.relatedCompanyId))
      .get();
    if (!parentScope || !related.path.startsWith(parentScope.path)) {
      throw new ApiError('SCOPE_EXCEEDS_OWN', {
        message: 'A sub-user’s related company must lie inside its parent’s.',
        field: 'relatedCompanyId',
      });
    }
  }
  return { company, related };
}

const parseExpiry = (value: string | null | undefined) =>
  value === null || value === undefined ? null : Date.parse(value);

export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<UserRecord> {
  const { db, actor } = ctx;
  assertPasswordAcceptable(input.password, input, 'password');
  const parent = input.parentUserId
    ? await userInScope(db, actor, input.parentUserId, 'parentUserId')
    : null;
  const { company } = await checkPlacement(ctx, input, parent);
  const permissions = [...new Set(input.permissions ?? [])];
  const roleIds = [...new Set(input.roleIds ?? [])];
  assertGrantable(actor, permissions, 'permissions');
  await assertRolesAssignable(db, actor, roleIds, company.path, new Set());
  const expiresAt = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, expiresAt);
  if (await usernameTaken(db, input.username)) {
    throw new ApiError('USERNAME_TAKEN', { field: 'username' });
  }
  const id = newId('us');
  const now = new Date();
  const row = {
    id,
    username: input.username,
    usernameKey: input.username.toLowerCase(),
    displayName: input.displayName,
    email: emptyToNull(input.email),
    phone: emptyToNull(input.phone),
    passwordHash: await hashPassword(input.password, ctx.env.PASSWORD_PEPPER),
    companyId: input.companyId,
    relatedCompanyId: input.relatedCompanyId,
    parentUserId: parent?.id ?? null,
    expiresAt: expiresAt === null ? null : new Date(expiresAt),
    mustChangePassword: true,
    createdAt: now,
    updatedAt: now,
  };
  const { passwordHash: _, ...visible } = row;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(users).values(row);
      if (roleIds.length)
        await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
      ctx.fault('users.create.midway');
      if (permissions.length) {
        await tx
          .insert(userPermissions)
          .values(permissions.map((permission) => ({ userId: id, permission })));
      }
      await auditInsert(tx, actor, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        companyPath: company.path,
        summary: `Created ${parent ? `sub-user of ${parent.username}` : 'user'} “${row.username}” in “${company.name}”`,
        after: { ...visible, roleIds, permissions },
      });
    });
  } catch (error) {
    if (String(error).includes('UNIQUE'))
      throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    throw error;
  }
  return getUser(db, actor, id);
}

export async function updateUser(
  ctx: ServiceContext,
  id: string,
  input: UpdateUserInput,
): Promise<UserRecord> {
  const { db, actor } = ctx;
  const before = await getUser(db, actor, id);
  const target = await userInScope(db, actor, id);
  if (input.password)
    assertPasswordAcceptable(input.password, namesAfterEdit(target, input), 'password');
  const parent = target.parentUserId
    ? ((await db.select().from(users).where(eq(users.id, target.parentUserId)).get()) ?? null)
    : null;
  const placement = {
    companyId: input.companyId ?? target.companyId,
    relatedCompanyId: input.relatedCompanyId ?? target.relatedCompanyId,
  };
  const { company } = await checkPlacement(ctx, placement, parent);
  const permissions = input.permissions ? [...new Set(input.permissions)] : undefined;
  const roleIds = input.roleIds ? [...new Set(input.roleIds)] : undefined;
  if (permissions) assertAdditionsGrantable(actor, permissions, before.permissions, 'permissions');
  if (roleIds)
    await assertRolesAssignable(db, actor, roleIds, company.path, new Set(before.roleIds));
  let expiresAt: Date | null | undefined;
  if (input.expiresAt !== undefined) {
    const ms = parseExpiry(input.expiresAt);
    assertExpiryWithin(actor, ms);
    expiresAt = ms === null ? null : new Date(ms);
  }
  if (input.username && (await usernameTaken(db, input.username, id))) {
    throw new ApiError('USERNAME_TAKEN', { field: 'username' });
  }
  const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date(), ...placement };
  if (input.username)
    Object.assign(set, { username: input.username, usernameKey: input.username.toLowerCase() });
  if (input.displayName !== undefined) set.displayName = input.displayName;
  if (input.email !== undefined) set.email = emptyToNull(input.email);
  if (input.phone !== undefined) set.phone = emptyToNull(input.phone);
  if (input.status !== undefined) {
    const chain = await loadAccountChain(db, actor.id);
    if (input.status === 'disabled' && chain.some((link) => link.id === id)) {
      throw new ApiError('CANNOT_DELETE_SELF', {
        message: 'You cannot disable your own account or one above it.',
        field: 'status',
      });
    }
    set.status = input.status;
  }
  if (input.status !== undefined) {
    if (
      input.status === 'disabled' &&
      (await loadAccountChain(db, actor.id)).some((l) => l.id === id)
    ) {
      throw new ApiError('CANNOT_DELETE_SELF', {
        message: 'You cannot disable your own account or one above it.',
        field: 'status',
      });
    }
    set.status = input.status;
  }
  if (expiresAt !== undefined) set.expiresAt = expiresAt;
  if (input.password) {
    set.passwordHash = await hashPassword(input.password, ctx.env.PASSWORD_PEPPER);
    set.mustChangePassword = true;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.update(users).set(set).where(eq(users.id, id));
      if (roleIds) {
        await tx.delete(userRoles).where(eq(userRoles.userId, id));
        ctx.fault('users.update.midway');
        if (roleIds.length)
          await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
      }
      if (permissions) {
        await tx.delete(userPermissions).where(eq(userPermissions.userId, id));
        if (permissions.length) {
          await tx
            .insert(userPermissions)
            .values(permissions.map((permission) => ({ userId: id, permission })));
        }
      }
      const { effectivePermissions: _b, subUserCount: _bs, ...beforeAudit } = before;
      await auditInsert(tx, actor, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        companyPath: company.path,
        summary: `Edited user “${input.username ?? before.username}”${input.password ? ' (password reset)' : ''}`,
        before: beforeAudit,
        after: {
          ...beforeAudit,
          ...placement,
          ...input,
          password: undefined,
          expiresAt: input.expiresAt ?? before.expiresAt,
        },
      });
    });
  } catch (error) {
    if (String(error).includes('UNIQUE'))
      throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    throw error;
  }
  const after = await getUser(db, actor, id);
  const affected = await descendantIds(db, id);
  // Ending sessions is awaited so the answer means "they are out"; notices can trail.
  if (after.status === 'disabled') {
    await endSessionsOf(ctx.env, affected, 'account_disabled');
  } else if (after.expiresAt !== null && Date.parse(after.expiresAt) <= Date.now()) {
    await endSessionsOf(ctx.env, affected, 'account_expired');
  } else {
    ctx.defer(notifyChanged(ctx, id, affected, before, after));
  }
  return after;
}

/** Tells the user's (and its sub-users') open screens what changed. */
async function notifyChanged(
  ctx: ServiceContext,
  id: string,
  affected: string[],
  before: UserRecord,
  after: UserRecord,
) {
  if (before.expiresAt !== after.expiresAt) {
    await recheckAccounts(ctx.env, affected);
    await broadcastTo(ctx.env, [id], { type: 'expiry_changed' });
  }
  if (before.effectivePermissions.join() !== after.effectivePermissions.join()) {
    await broadcastTo(ctx.env, affected, { type: 'permissions_changed' });
  }
}

/** Deletes a user with all its sub-users at every depth in one transaction; ends their sessions. */
export async function deleteUser(ctx: ServiceContext, id: string, dryRun: boolean) {
  const { db, actor } = ctx;
  const target = await userInScope(db, actor, id);
  const ids = await descendantIds(db, id);
  const chain = await loadAccountChain(db, actor.id);
  if (chain.some((link) => link.id === id)) throw new ApiError('CANNOT_DELETE_SELF');
  if (dryRun) return { deleted: ids.length };
  const doomed = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.id, ids));
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(inArray(userRoles.userId, ids));
    await tx.delete(userPermissions).where(inArray(userPermissions.userId, ids));
    ctx.fault('users.delete.midway');
    await tx.delete(users).where(inArray(users.id, ids));
    await auditInsert(tx, actor, {
      action: 'user.delete',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary:
        ids.length > 1
          ? `Deleted user “${target.username}” and ${ids.length - 1} sub-user${ids.length > 2 ? 's' : ''}`
          : `Deleted user “${target.username}”`,
      before: { id, username: target.username, companyId: target.companyId, deleted: doomed },
    });
  });
  await endSessionsOf(ctx.env, ids, 'account_deleted');
  return { deleted: ids.length };
}

/**
 * Sets one account's expiry, or every account of its company (optionally with subsidiaries),
 * in one statement. Answers how many accounts changed; `dryRun` only counts.
 */
export async function updateExpiry(
  ctx: ServiceContext,
  id: string,
  input: ExpiryUpdateInput,
  dryRun: boolean,
) {
  const { db, actor } = ctx;
  const target = await userInScope(db, actor, id);
  if (input.applyToCompany && !actor.permissions.has('function.users.expiry.sync')) {
    throw new ApiError('PERMISSION_REQUIRED', {
      message: 'You need the permission “function.users.expiry.sync”.',
      field: 'applyToCompany',
      details: { permission: 'function.users.expiry.sync' },
    });
  }
  const ms = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, ms);
  const value = ms === null ? null : new Date(ms);
  const who = !input.applyToCompany
    ? eq(users.id, id)
    : input.includeSubsidiaries
      ? inArray(
          users.companyId,
          db
            .select({ id: companies.id })
            .from(companies)
            .where(underPath(companies.path, target.companyPath)),
        )
      : eq(users.companyId, target.companyId);
  const changed = and(
    who,
    value === null
      ? sql`${users.expiresAt} IS NOT NULL`
      : sql`${users.expiresAt} IS NOT ${value.getTime()}`,
  );
  if (dryRun) {
    const row = await db.select({ n: sql<number>`count(*)` }).from(users).where(changed).get();
    return { updated: Number(row?.n ?? 0) };
  }
  let updatedIds: string[] = [];
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ expiresAt: value, updatedAt: new Date() })
      .where(changed)
      .returning({ id: users.id });
    updatedIds = rows.map((r) => r.id);
    ctx.fault('users.expiry.midway');
    await auditInsert(tx, actor, {
      action: 'user.expiry',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Set the expiration date of ${updatedIds.length} account${updatedIds.length === 1 ? '' : 's'} to ${value ? value.toISOString() : 'never'}${input.applyToCompany ? ` (${input.includeSubsidiaries ? 'company and subsidiaries' : 'whole company'})` : ''}`,
      before: { expiresAt: iso(target.expiresAt) },
      after: {
        expiresAt: iso(value),
        applyToCompany: input.applyToCompany,
        includeSubsidiaries: input.includeSubsidiaries,
        userIds: updatedIds,
      },
    });
  });
  // The next request of every affected session is refused by the database check already; the
  // hubs are told after the answer so a sync over thousands of accounts answers at once.
  if (value !== null && value.getTime() <= Date.now()) {
    ctx.defer(
      (async () =>
        endSessionsOf(ctx.env, await descendantsOfMany(db, updatedIds), 'account_expired'))(),
    );
  } else {
    ctx.defer(
      (async () => {
        await recheckAccounts(ctx.env, await descendantsOfMany(db, updatedIds));
        await broadcastTo(ctx.env, updatedIds, { type: 'expiry_changed' });
      })(),
    );
  }
  return { updated: updatedIds.length };
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
