import type { BatchResponse } from 'drizzle-orm/batch';
import { userPermissions, userRoles, users } from '../../../db/schema';
import type { CreateUserInput, UserRecord } from '../../../schemas/users';
import { accountBelowFrom, accountBelowReads } from '../../authority/act-on-account';
import { actorWriteBatch } from '../../authority/batch-guards';
import {
  assertExpiryWithin,
  assertGrantable,
  assertRolesAssignable,
  assignableRolesQuery,
} from '../../authority/ceilings';
import {
  assertExpiryWithinParent,
  assertScopeWithinParent,
  parentBoundsFrom,
  parentBoundsQuery,
} from '../../authority/chain-order';
import { companyInScopeFrom, companyQuery } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { assertPasswordAcceptable } from '../../lib/password-policy';
import { rowsOf, type WriteBatch } from '../../lib/write-batch';
import {
  guardAccountAfterWrite,
  guardExists,
  guardStillBelow,
  isUsernameConflict,
} from './users.guards';
import { toUserRecord, type UserRecordRow, usernameHolderQuery, userRecordSql } from './users.repo';
import { emptyToNull, parseExpiry } from './users.service';

/**
 * Everything a create decides on, batched with the actor (keyed by the request alone): the
 * parent with the rule's verdict on it and its bounds, the two companies, the roles, and who
 * holds the username.
 */
export function createUserReads(db: DrizzleDb, claimedId: string, input: CreateUserInput) {
  const parentId = input.parentUserId ?? '';
  return [
    ...accountBelowReads(db, claimedId, parentId),
    parentBoundsQuery(db, parentId),
    companyQuery(db, input.companyId),
    companyQuery(db, input.relatedCompanyId),
    assignableRolesQuery(db, input.roleIds ?? []),
    usernameHolderQuery(db, input.username),
  ] as const;
}

type CreateUserRows = BatchResponse<ReturnType<typeof createUserReads>>;

/**
 * The parent of a new sub-user: the actor itself, or an account entirely below it (a sub-user
 * hung under a stronger account would borrow rights the actor cannot see the end of).
 */
function parentFrom(
  ctx: ServiceContext,
  parentUserId: string | null | undefined,
  rows: CreateUserRows,
) {
  if (!parentUserId) return null;
  if (parentUserId === ctx.actor.id) {
    const self = rows[0][0]?.user;
    if (!self) throw new ApiError('SESSION_ENDED');
    return self;
  }
  return accountBelowFrom(ctx.actor, [rows[0], rows[1]], 'parentUserId');
}

/**
 * Creates a user or sub-user; every ceiling and the parent chain's order are checked on one
 * read, and the write (one batch) re-checks what a concurrent request could change: the parent
 * still there and below the actor, the chain's order, the roles' reach, the username.
 */
export async function createUser(
  ctx: ServiceContext,
  input: CreateUserInput,
  rows: CreateUserRows,
): Promise<UserRecord> {
  const { db, actor } = ctx;
  assertPasswordAcceptable(input.password, input, 'password');
  const parent = parentFrom(ctx, input.parentUserId, rows);
  const [, , [boundsRow], [companyRow], [relatedRow], roleRows, holders] = rows;
  const bounds = parent ? parentBoundsFrom(boundsRow) : null;
  const company = companyInScopeFrom(actor, companyRow, 'companyId');
  const related = companyInScopeFrom(actor, relatedRow, 'relatedCompanyId');
  assertScopeWithinParent(bounds?.scopePath, related.path);
  assertScopeWithinParent(bounds?.scopePath, company.path, 'companyId');
  const permissions = [...new Set(input.permissions ?? [])];
  const roleIds = [...new Set(input.roleIds ?? [])];
  assertGrantable(actor, permissions, 'permissions');
  assertRolesAssignable(actor, roleIds, company.path, new Set(), roleRows);
  const expiresAt = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, expiresAt);
  assertExpiryWithinParent(bounds?.expiresAt, expiresAt);
  if (holders.length > 0) throw new ApiError('USERNAME_TAKEN', { field: 'username' });
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
  const batch = actorWriteBatch(db, actor);
  // The parent may have been deleted (or changed) since it was read; the batch holds the
  // write lock, so once these pass nothing can delete it before the account lands.
  if (parent && parent.id === actor.id) guardExists(batch, parent.id, 'parentUserId');
  else if (parent) guardStillBelow(batch, db, actor, parent.id, 'parentUserId');
  batch.add(db.insert(users).values(row));
  if (roleIds.length)
    batch.add(db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId }))));
  batch.faultPoint('users.create.midway', ctx.fault);
  if (permissions.length) {
    batch.add(
      db
        .insert(userPermissions)
        .values(permissions.map((permission) => ({ userId: id, permission }))),
    );
  }
  guardAccountAfterWrite(batch, db, actor, id);
  batch.add(
    auditInsert(db, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      companyPath: company.path,
      summary: `Created ${parent ? `sub-user of ${parent.username}` : 'user'} “${row.username}” in “${company.name}”`,
      after: { ...visible, roleIds, permissions },
    }),
  );
  // Read back inside the same transaction: what the create wrote, even if a delete of its
  // parent lands right after.
  const createdAt = batch.add(userRecordSql(id));
  let results: Awaited<ReturnType<WriteBatch['commit']>>;
  try {
    results = await batch.commit();
  } catch (error) {
    if (isUsernameConflict(error)) throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    throw error;
  }
  const [created] = rowsOf<UserRecordRow>(results[createdAt]);
  if (!created) throw new Error('the created account was not read back');
  return toUserRecord(created);
}
