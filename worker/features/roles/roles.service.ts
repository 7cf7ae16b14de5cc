import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import { companies, rolePermissions, roles, userRoles, users } from '../../../db/schema';
import type { CreateRoleInput, Role, UpdateRoleInput } from '../../../schemas/roles';
import { accountsNotBelow } from '../../authority/act-on-account';
import type { Actor } from '../../authority/actor';
import { assertAdditionsGrantable, assertGrantable } from '../../authority/ceilings';
import { companyInScope, pathInScope, underPath } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { broadcastTo } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';

const roleColumns = {
  id: roles.id,
  name: roles.name,
  companyId: roles.companyId,
  companyName: companies.name,
  path: companies.path,
};

/** Ids of the companies above the actor's scope root (from its path). */
const ancestorIds = (actor: Actor) =>
  actor.scopePath.split('/').filter((id) => id && id !== actor.scopeId);

/**
 * Roles the actor can see: those owned in its scope (editable) and those owned above it
 * (usable in its subtree, read-only).
 */
export async function listRoles(db: DrizzleDb, actor: Actor): Promise<Role[]> {
  const above = ancestorIds(actor);
  const rows = await db
    .select(roleColumns)
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .where(
      above.length
        ? or(underPath(companies.path, actor.scopePath), inArray(roles.companyId, above))
        : underPath(companies.path, actor.scopePath),
    )
    .orderBy(companies.depth, roles.name);
  return withDetails(db, actor, rows);
}

async function withDetails(
  db: DrizzleDb,
  actor: Actor,
  rows: { id: string; name: string; companyId: string; companyName: string; path: string }[],
): Promise<Role[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [perms, holders] = await Promise.all([
    db.select().from(rolePermissions).where(inArray(rolePermissions.roleId, ids)),
    // Holders in the actor's scope only: a role owned above it must not reveal how many
    // accounts hold it elsewhere on the platform.
    db
      .select({ roleId: userRoles.roleId, n: count() })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .innerJoin(companies, eq(companies.id, users.companyId))
      .where(and(inArray(userRoles.roleId, ids), underPath(companies.path, actor.scopePath)))
      .groupBy(userRoles.roleId),
  ]);
  const permsBy = new Map<string, string[]>();
  for (const p of perms) permsBy.set(p.roleId, [...(permsBy.get(p.roleId) ?? []), p.permission]);
  const holdersBy = new Map(holders.map((h) => [h.roleId, h.n]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    companyId: r.companyId,
    companyName: r.companyName,
    permissions: (permsBy.get(r.id) ?? []).sort(),
    userCount: holdersBy.get(r.id) ?? 0,
    editable: pathInScope(actor, r.path),
  }));
}

/** A role the actor may change: owned by a company in its scope; otherwise 404. */
async function editableRole(
  db: DrizzleDb,
  actor: Actor,
  id: string,
): Promise<Role & { path: string }> {
  const row = await db
    .select(roleColumns)
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .where(eq(roles.id, id))
    .get();
  if (!row || !pathInScope(actor, row.path))
    throw new ApiError('NOT_FOUND', { message: 'No such role.' });
  const [role] = await withDetails(db, actor, [row]);
  if (!role) throw new ApiError('NOT_FOUND', { message: 'No such role.' });
  return { ...role, path: row.path };
}

export async function createRole(ctx: ServiceContext, input: CreateRoleInput): Promise<Role> {
  const { db, actor } = ctx;
  const company = await companyInScope(db, actor, input.companyId, 'companyId');
  const permissions = [...new Set(input.permissions ?? [])];
  assertGrantable(actor, permissions, 'permissions');
  const id = newId('ro');
  await db.batch([
    db.insert(roles).values({ id, name: input.name, companyId: company.id, createdAt: new Date() }),
    ...(permissions.length
      ? [
          db
            .insert(rolePermissions)
            .values(permissions.map((permission) => ({ roleId: id, permission }))),
        ]
      : []),
    auditInsert(db, actor, {
      action: 'role.create',
      targetType: 'role',
      targetId: id,
      companyPath: company.path,
      summary: `Created role “${input.name}” in “${company.name}”`,
      after: { id, name: input.name, companyId: company.id, permissions },
    }),
  ]);
  return (await editableRole(db, actor, id)) as Role;
}

/**
 * Editing or deleting a role acts on every account holding it: each must be entirely below the
 * actor (or the actor itself, which may only lose what it holds, or gain what it already has).
 */
async function assertHoldersBelow(db: DrizzleDb, actor: Actor, roleId: string): Promise<void> {
  const refused = (
    await accountsNotBelow(db, actor, sql`SELECT user_id FROM user_roles WHERE role_id = ${roleId}`)
  ).filter((r) => r.reason !== 'self');
  const first = refused[0];
  if (!first) return;
  // Holders the editor cannot see are counted, never described.
  const hidden = refused.some((r) => r.reason === 'outside_scope');
  throw new ApiError('ACCOUNT_NOT_BELOW', {
    message: hidden
      ? 'This role is held by accounts outside your scope; an administrator above you can change it.'
      : `${refused.length} account${refused.length === 1 ? ' holding this role is' : 's holding this role are'} not below yours (${first.reason.replaceAll('_', ' ')}).`,
    details: hidden
      ? { holders: refused.length }
      : { reason: first.reason, holders: refused.length },
  });
}

async function holdersOf(db: DrizzleDb, roleId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(eq(userRoles.roleId, roleId));
  return rows.map((r) => r.userId);
}

/** Renames a role and/or replaces its permissions atomically; holders' screens are told. */
export async function updateRole(
  ctx: ServiceContext,
  id: string,
  input: UpdateRoleInput,
): Promise<Role> {
  const { db, actor } = ctx;
  const before = await editableRole(db, actor, id);
  await assertHoldersBelow(db, actor, id);
  const permissions = input.permissions ? [...new Set(input.permissions)] : undefined;
  if (permissions) assertAdditionsGrantable(actor, permissions, before.permissions, 'permissions');
  await db.transaction(async (tx) => {
    if (input.name !== undefined)
      await tx.update(roles).set({ name: input.name }).where(eq(roles.id, id));
    if (permissions) {
      await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, id));
      ctx.fault('roles.update.midway');
      if (permissions.length) {
        await tx
          .insert(rolePermissions)
          .values(permissions.map((permission) => ({ roleId: id, permission })));
      }
    }
    const { path: _p, ...beforeRole } = before;
    await auditInsert(tx, actor, {
      action: 'role.update',
      targetType: 'role',
      targetId: id,
      companyPath: before.path,
      summary: `Edited role “${input.name ?? before.name}”`,
      before: beforeRole,
      after: {
        ...beforeRole,
        name: input.name ?? before.name,
        permissions: permissions ?? before.permissions,
      },
    });
  });
  if (permissions)
    ctx.defer(
      holdersOf(db, id).then((ids) => broadcastTo(ctx.env, ids, { type: 'permissions_changed' })),
    );
  const { path: _, ...after } = await editableRole(db, actor, id);
  return after;
}

/**
 * Deletes a role. One held by users needs `force` (the console confirms first and shows how
 * many hold it); `dryRun` only counts the holders.
 */
export async function deleteRole(
  ctx: ServiceContext,
  id: string,
  opts: { dryRun: boolean; force: boolean },
) {
  const { db, actor } = ctx;
  const role = await editableRole(db, actor, id);
  if (opts.dryRun) return { deleted: 0, users: role.userCount };
  await assertHoldersBelow(db, actor, id);
  if (role.userCount > 0 && !opts.force) {
    throw new ApiError('ROLE_IN_USE', {
      message: `“${role.name}” is held by ${role.userCount} user${role.userCount === 1 ? '' : 's'}. Confirm to remove it from them and delete it.`,
      details: { users: role.userCount },
    });
  }
  const holders = await holdersOf(db, id);
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(eq(userRoles.roleId, id));
    ctx.fault('roles.delete.midway');
    await tx.delete(rolePermissions).where(eq(rolePermissions.roleId, id));
    await tx.delete(roles).where(eq(roles.id, id));
    const { path: _p, ...beforeRole } = role;
    await auditInsert(tx, actor, {
      action: 'role.delete',
      targetType: 'role',
      targetId: id,
      companyPath: role.path,
      summary: `Deleted role “${role.name}”${holders.length ? ` (held by ${holders.length})` : ''}`,
      before: { ...beforeRole, holders },
    });
  });
  ctx.defer(broadcastTo(ctx.env, holders, { type: 'permissions_changed' }));
  return { deleted: 1, users: holders.length };
}
