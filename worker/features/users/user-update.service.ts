import { eq } from 'drizzle-orm';
import { userPermissions, userRoles, users } from '../../../db/schema';
import type { UpdateUserInput, UserRecord } from '../../../schemas/users';
import { accountBelowActor, idList } from '../../authority/act-on-account';
import {
  assertAdditionsGrantable,
  assertExpiryWithin,
  assertRolesAssignable,
  assertRolesReachable,
} from '../../authority/ceilings';
import {
  assertExpiryWithinParent,
  assertOrderedAround,
  assertScopeWithinParent,
  parentBounds,
  setExpiryInOrder,
  subUsersOutsideScope,
} from '../../authority/chain-order';
import { companyInScope } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import {
  broadcastTo,
  endSessionsOf,
  recheckAccounts,
} from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { ApiError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { assertPasswordAcceptable, namesAfterEdit } from '../../lib/password-policy';
import { descendantIds, usernameTaken } from './users.repo';
import { emptyToNull, getUser, parseExpiry } from './users.service';

type Changes = Partial<typeof users.$inferInsert>;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Edits an account entirely below the actor. Only the fields the body names change, and the
 * ceilings are checked on what actually changes: an untouched (or re-sent, equal) expiry or
 * company is not re-checked, so a manager may still fix the phone of an account whose date
 * it could not set today.
 */
export async function updateUser(
  ctx: ServiceContext,
  id: string,
  input: UpdateUserInput,
): Promise<UserRecord> {
  const { db, actor } = ctx;
  const target = await accountBelowActor(db, actor, id);
  const before = await getUser(db, actor, id);
  const bounds = target.parentUserId ? await parentBounds(db, target.parentUserId) : null;
  const set: Changes = {};

  if (input.username !== undefined && input.username !== target.username) {
    if (await usernameTaken(db, input.username, id)) {
      throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    }
    Object.assign(set, { username: input.username, usernameKey: input.username.toLowerCase() });
  }
  if (input.displayName !== undefined && input.displayName !== target.displayName) {
    set.displayName = input.displayName;
  }
  if (input.email !== undefined && emptyToNull(input.email) !== target.email) {
    set.email = emptyToNull(input.email);
  }
  if (input.phone !== undefined && emptyToNull(input.phone) !== target.phone) {
    set.phone = emptyToNull(input.phone);
  }
  if (input.status !== undefined && input.status !== target.status) set.status = input.status;

  let companyPath = target.companyPath;
  if (input.companyId !== undefined && input.companyId !== target.companyId) {
    companyPath = (await companyInScope(db, actor, input.companyId, 'companyId')).path;
    assertScopeWithinParent(bounds?.scopePath, companyPath, 'companyId');
    set.companyId = input.companyId;
  }
  if (input.relatedCompanyId !== undefined && input.relatedCompanyId !== target.relatedCompanyId) {
    const related = await companyInScope(db, actor, input.relatedCompanyId, 'relatedCompanyId');
    assertScopeWithinParent(bounds?.scopePath, related.path);
    const outside = await subUsersOutsideScope(db, id, related.path);
    if (outside > 0) {
      throw new ApiError('EXCEEDS_PARENT', {
        message: `${outside} sub-user${outside === 1 ? ' sees or belongs' : 's see or belong'} outside this related company. Narrow ${outside === 1 ? 'its' : 'their'} scope first.`,
        field: 'relatedCompanyId',
        details: { subUsers: outside },
      });
    }
    set.relatedCompanyId = input.relatedCompanyId;
  }

  const permissions = input.permissions ? [...new Set(input.permissions)] : undefined;
  const roleIds = input.roleIds ? [...new Set(input.roleIds)] : undefined;
  const replacePermissions = permissions && !sameSet(permissions, before.permissions);
  const replaceRoles = roleIds && !sameSet(roleIds, before.roleIds);
  if (replacePermissions) {
    assertAdditionsGrantable(actor, permissions, before.permissions, 'permissions');
  }
  if (replaceRoles || set.companyId) {
    // A new company must still be able to use every role the account keeps.
    await assertRolesAssignable(
      db,
      actor,
      roleIds ?? before.roleIds,
      companyPath,
      new Set(before.roleIds),
    );
  }

  let expiresAt: number | null | undefined;
  const stored = target.expiresAt === null ? null : target.expiresAt.getTime();
  if (input.expiresAt !== undefined && parseExpiry(input.expiresAt) !== stored) {
    expiresAt = parseExpiry(input.expiresAt);
    assertExpiryWithin(actor, expiresAt);
    assertExpiryWithinParent(bounds?.expiresAt, expiresAt);
  }

  if (input.password) {
    assertPasswordAcceptable(input.password, namesAfterEdit(target, input), 'password');
    set.passwordHash = await hashPassword(input.password, ctx.env.PASSWORD_PEPPER);
    set.mustChangePassword = true;
  }

  // Nothing differs from what is stored: no write, no audit entry, no notices.
  if (
    Object.keys(set).length === 0 &&
    !replaceRoles &&
    !replacePermissions &&
    expiresAt === undefined
  ) {
    return before;
  }
  const now = Date.now();
  try {
    await db.transaction(async (tx) => {
      if (Object.keys(set).length > 0) {
        await tx
          .update(users)
          .set({ ...set, updatedAt: new Date(now) })
          .where(eq(users.id, id));
      }
      if (replaceRoles && roleIds) {
        await tx.delete(userRoles).where(eq(userRoles.userId, id));
        ctx.fault('users.update.midway');
        if (roleIds.length)
          await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
      }
      if (replacePermissions && permissions) {
        await tx.delete(userPermissions).where(eq(userPermissions.userId, id));
        if (permissions.length) {
          await tx
            .insert(userPermissions)
            .values(permissions.map((permission) => ({ userId: id, permission })));
        }
      }
      if (expiresAt !== undefined) await setExpiryInOrder(tx, idList([id]), expiresAt, now);
      await assertOrderedAround(tx, [id]);
      await assertRolesReachable(tx, id);
      await auditInsert(tx, actor, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        companyPath,
        summary: `Edited user “${input.username ?? before.username}”${input.password ? ' (password reset)' : ''}`,
        ...auditDiff(before, input, expiresAt),
      });
    });
  } catch (error) {
    if (String(error).includes('UNIQUE'))
      throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    throw error;
  }
  const after = await getUser(db, actor, id);
  await tellScreens(ctx, id, before, after, Boolean(input.password));
  return after;
}

/** Before and after of the fields the body named (never the password). */
function auditDiff(
  before: UserRecord,
  input: UpdateUserInput,
  expiresAt: number | null | undefined,
) {
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'password' || key === 'expiresAt') continue;
    previous[key] = before[key as keyof UserRecord];
    changed[key] = value;
  }
  if (input.password) changed.password = 'reset';
  if (expiresAt !== undefined) {
    previous.expiresAt = before.expiresAt;
    changed.expiresAt = expiresAt === null ? null : new Date(expiresAt).toISOString();
  }
  return { before: previous, after: changed };
}

/**
 * Ending sessions is awaited so the answer means "they are out" (an admin password reset ends
 * the target's sessions too); notices can trail.
 */
async function tellScreens(
  ctx: ServiceContext,
  id: string,
  before: UserRecord,
  after: UserRecord,
  passwordReset: boolean,
) {
  const affected = await descendantIds(ctx.db, id);
  if (after.status === 'disabled' && before.status !== 'disabled') {
    await endSessionsOf(ctx.env, affected, 'account_disabled');
    return;
  }
  if (after.expiresAt !== null && Date.parse(after.expiresAt) <= Date.now()) {
    await endSessionsOf(ctx.env, affected, 'account_expired');
    return;
  }
  if (passwordReset) await endSessionsOf(ctx.env, [id], 'password_changed');
  ctx.defer(
    (async () => {
      if (before.expiresAt !== after.expiresAt) {
        await recheckAccounts(ctx.env, affected);
        await broadcastTo(ctx.env, [id], { type: 'expiry_changed' });
      }
      if (before.effectivePermissions.join() !== after.effectivePermissions.join()) {
        await broadcastTo(ctx.env, affected, { type: 'permissions_changed' });
      }
    })(),
  );
}
