import { eq, type SQL, sql } from 'drizzle-orm';
import { rolePermissions, roles, userRoles } from '../../../db/schema';
import type { CreateRoleInput, Role, UpdateRoleInput } from '../../../schemas/roles';
import { withSubUsers } from '../../authority/account.repo';
import { accountsNotBelow, accountsNotBelowQuery } from '../../authority/act-on-account';
import type { Actor } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import { assertAdditionsGrantable, assertGrantable } from '../../authority/ceilings';
import { pathInScope } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { liveAmong } from '../../durable-objects/live-index';
import { broadcastTo } from '../../durable-objects/session-hub.client';
import { auditInsert, auditInsertComputed } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { rowsOf, type WriteBatch } from '../../lib/write-batch';
import { holderCount, holdersJson, holdersOf, type RoleRow } from './roles.repo';

/**
 * The decisions and writes of the roles feature. Routes read the role (or owner company) with
 * the actor; these functions judge the rows and write in one batch whose guards re-check, for
 * every holder, the rule for acting on another account.
 */

export const toRole = (actor: Actor, r: RoleRow): Role => ({
  id: r.id,
  name: r.name,
  companyId: r.companyId,
  companyName: r.companyName,
  permissions: (JSON.parse(r.permissions) as string[]).sort(),
  userCount: Number(r.userCount),
  editable: pathInScope(actor, r.path),
});

/** A role the actor may change: owned by a company in its scope; otherwise 404. */
function editableRole(actor: Actor, row: RoleRow | undefined): Role & { path: string } {
  if (!row || !pathInScope(actor, row.path)) throw roleNotFound();
  return { ...toRole(actor, row), path: row.path };
}

/** The batch fails with 409 ROLE_NAME_TAKEN when the company already has a role so named. */
const refuseDuplicateNames = (batch: WriteBatch): WriteBatch =>
  batch.onUniqueViolation(
    'roles.company_id, roles.name_key',
    () => new ApiError('ROLE_NAME_TAKEN', { field: 'name' }),
  );

const roleNotFound = () => new ApiError('NOT_FOUND', { message: 'No such role.' });

export async function createRole(
  ctx: ServiceContext,
  owner: { id: string; name: string; path: string } | undefined,
  input: CreateRoleInput,
): Promise<Role> {
  const { db, actor } = ctx;
  if (!owner || !pathInScope(actor, owner.path)) {
    throw new ApiError('NOT_FOUND', { message: 'No such company.', field: 'companyId' });
  }
  const permissions = [...new Set(input.permissions ?? [])];
  assertGrantable(actor, permissions, 'permissions');
  const id = newId('ro');
  const batch = refuseDuplicateNames(actorWriteBatch(db, actor));
  // The company may have been deleted or moved since it was read.
  batch.guard(
    sql`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = ${owner.id} AND path = ${owner.path})`,
    () => new ApiError('CONFLICT', { message: 'The company changed meanwhile; try again.' }),
  );
  batch.add(
    db.insert(roles).values({ id, name: input.name, companyId: owner.id, createdAt: new Date() }),
  );
  if (permissions.length) {
    batch.add(
      db
        .insert(rolePermissions)
        .values(permissions.map((permission) => ({ roleId: id, permission }))),
    );
  }
  batch.add(
    auditInsert(db, actor, {
      action: 'role.create',
      targetType: 'role',
      targetId: id,
      companyPath: owner.path,
      summary: `Created role “${input.name}” in “${owner.name}”`,
      after: { id, name: input.name, companyId: owner.id, permissions },
    }),
  );
  await batch.commit();
  return {
    id,
    name: input.name,
    companyId: owner.id,
    companyName: owner.name,
    permissions: [...permissions].sort(),
    userCount: 0,
    editable: true,
  };
}

/**
 * Editing or deleting a role acts on every account holding it: each must be entirely below the
 * actor (or the actor itself, which may only lose what it holds, or gain what it already has).
 * The holders are chosen inside the database, never listed in the request.
 */
const holdersNotBelowQuery = (actor: Actor, roleId: string): SQL =>
  sql`SELECT id FROM (${accountsNotBelowQuery(actor, holdersOf(roleId))}) WHERE reason <> 'self'`;

/** Why the holders of the role are not all below the actor (read again), or null. */
async function holdersNotBelow(
  db: DrizzleDb,
  actor: Actor,
  roleId: string,
): Promise<ApiError | null> {
  const refused = (await accountsNotBelow(db, actor, holdersOf(roleId))).filter(
    (r) => r.reason !== 'self',
  );
  const first = refused[0];
  if (!first) return null;
  // Holders the editor cannot see are counted, never described.
  const hidden = refused.some((r) => r.reason === 'outside_scope');
  return new ApiError('ACCOUNT_NOT_BELOW', {
    message: hidden
      ? 'This role is held by accounts outside your scope; an administrator above you can change it.'
      : `${refused.length} account${refused.length === 1 ? ' holding this role is' : 's holding this role are'} not below yours (${first.reason.replaceAll('_', ' ')}).`,
    details: hidden
      ? { holders: refused.length }
      : { reason: first.reason, holders: refused.length },
  });
}

/** First guard of a role's write: every holder still below the actor (403 otherwise). */
function guardHoldersBelow(batch: WriteBatch, db: DrizzleDb, actor: Actor, roleId: string) {
  batch.guard(
    holdersNotBelowQuery(actor, roleId),
    async () =>
      (await holdersNotBelow(db, actor, roleId)) ??
      new ApiError('CONFLICT', { message: 'The role’s holders changed meanwhile; try again.' }),
  );
}

/**
 * A refusal decided before the write must not hide the holders' refusal, which comes first:
 * the holders are read once more, on this failure path only.
 */
async function refuseAfterHolders(
  db: DrizzleDb,
  actor: Actor,
  roleId: string,
  refusal: ApiError,
): Promise<never> {
  throw (await holdersNotBelow(db, actor, roleId)) ?? refusal;
}

/** Fails the batch when the role was deleted since it was read. */
const guardRoleExists = (batch: WriteBatch, roleId: string) =>
  batch.guard(
    sql`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM roles WHERE id = ${roleId})`,
    roleNotFound,
  );

/** Renames a role and/or replaces its permissions atomically; holders' screens are told. */
export async function updateRole(
  ctx: ServiceContext,
  row: RoleRow | undefined,
  input: UpdateRoleInput,
): Promise<Role> {
  const { db, actor } = ctx;
  const before = editableRole(actor, row);
  const { id } = before;
  const permissions = input.permissions ? [...new Set(input.permissions)] : undefined;
  if (permissions) {
    try {
      assertAdditionsGrantable(actor, permissions, before.permissions, 'permissions');
    } catch (refusal) {
      if (refusal instanceof ApiError) await refuseAfterHolders(db, actor, id, refusal);
      throw refusal;
    }
  }
  const batch = refuseDuplicateNames(actorWriteBatch(db, actor));
  guardRoleExists(batch, id);
  guardHoldersBelow(batch, db, actor, id);
  const live = batch.add(liveAmong(withSubUsers(holdersOf(id))));
  if (input.name !== undefined) {
    batch.add(db.update(roles).set({ name: input.name }).where(eq(roles.id, id)));
  }
  if (permissions) {
    batch.add(db.delete(rolePermissions).where(eq(rolePermissions.roleId, id)));
    batch.faultPoint('roles.update.midway', ctx.fault);
    if (permissions.length) {
      batch.add(
        db
          .insert(rolePermissions)
          .values(permissions.map((permission) => ({ roleId: id, permission }))),
      );
    }
  }
  const { path: _p, ...beforeRole } = before;
  batch.add(
    auditInsert(db, actor, {
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
    }),
  );
  const results = await batch.commit();
  if (permissions) {
    const ids = rowsOf<{ id: string }>(results[live]).map((r) => r.id);
    ctx.defer(broadcastTo(ctx.env, ids, { type: 'permissions_changed' }));
  }
  return {
    ...beforeRole,
    name: input.name ?? before.name,
    permissions: [...(permissions ?? before.permissions)].sort(),
  };
}

/**
 * Deletes a role. One held by users needs `force` (the console confirms first and shows how
 * many hold it); `dryRun` only counts the holders.
 */
export async function deleteRole(
  ctx: ServiceContext,
  row: RoleRow | undefined,
  opts: { dryRun: boolean; force: boolean },
) {
  const { db, actor } = ctx;
  const role = editableRole(actor, row);
  const { id } = role;
  if (opts.dryRun) return { deleted: 0, users: role.userCount };
  if (role.userCount > 0 && !opts.force) await refuseAfterHolders(db, actor, id, inUse(role));
  const batch = actorWriteBatch(db, actor);
  guardRoleExists(batch, id);
  guardHoldersBelow(batch, db, actor, id);
  if (!opts.force) {
    // Someone may have been given the role since it was read.
    batch.guard(
      sql`SELECT 1 FROM user_roles ur JOIN users u ON u.id = ur.user_id
        JOIN companies hc ON hc.id = u.company_id
        WHERE ur.role_id = ${id} AND hc.path >= ${actor.scopePath} AND hc.path < ${`${actor.scopePath}~`}`,
      () => inUse(role),
    );
  }
  const live = batch.add(liveAmong(withSubUsers(holdersOf(id))));
  const counted = batch.add(sql`SELECT ${holderCount(id)} AS n`);
  const { path: _p, ...beforeRole } = role;
  // Written before the holders go, so the entry names them all (chosen in the database).
  batch.add(
    auditInsertComputed(actor, {
      action: 'role.delete',
      targetType: 'role',
      targetId: id,
      companyPath: role.path,
      summary: sql`${`Deleted role “${role.name}”`} || CASE WHEN ${holderCount(id)} > 0
        THEN ' (held by ' || ${holderCount(id)} || ')' ELSE '' END`,
      before: sql`json_set(${JSON.stringify(beforeRole)}, '$.holders', json(${holdersJson(id)}))`,
      after: sql`NULL`,
    }),
  );
  batch.add(db.delete(userRoles).where(eq(userRoles.roleId, id)));
  batch.faultPoint('roles.delete.midway', ctx.fault);
  batch.add(db.delete(rolePermissions).where(eq(rolePermissions.roleId, id)));
  batch.add(db.delete(roles).where(eq(roles.id, id)));
  const results = await batch.commit();
  const ids = rowsOf<{ id: string }>(results[live]).map((r) => r.id);
  ctx.defer(broadcastTo(ctx.env, ids, { type: 'permissions_changed' }));
  return { deleted: 1, users: Number(rowsOf<{ n: number }>(results[counted])[0]?.n ?? 0) };
}

const inUse = (role: Role) =>
  new ApiError('ROLE_IN_USE', {
    message: `“${role.name}” is held by ${role.userCount} user${role.userCount === 1 ? '' : 's'}. Confirm to remove it from them and delete it.`,
    details: { users: role.userCount },
  });
