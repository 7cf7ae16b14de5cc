import { eq, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { userPermissions, userRoles, users } from '../../../db/schema';
import type { UpdateUserInput, UserRecord } from '../../../schemas/users';
import {
  accountsNotBelowQuery,
  idList,
  type NotBelow,
  notBelowError,
} from '../../authority/act-on-account';
import { assertHolds } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import {
  assertAdditionsGrantable,
  assertExpiryWithin,
  assertRolesAssignable,
  assignableRolesQuery,
} from '../../authority/ceilings';
import {
  applyExpiryPlan,
  assertExpiryWithinParent,
  assertScopeWithinParent,
  expiryPlan,
  parentBoundsFrom,
  parentBoundsQuery,
  subUsersOutsideScopeQuery,
} from '../../authority/chain-order';
import { companyInScopeFrom, companyQuery } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { liveAmong } from '../../durable-objects/live-index';
import {
  broadcastTo,
  endSessionsOf,
  recheckAccounts,
} from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { assertPasswordAcceptable, namesAfterEdit } from '../../lib/password-policy';
import { rowsOf, type WriteBatch } from '../../lib/write-batch';
import { guardAccountAfterWrite, guardStillBelow, isUsernameConflict } from './users.guards';
import {
  subtreeOf,
  toUserRecord,
  type UserRecordRow,
  usernameHolderQuery,
  userRecordQuery,
  userRecordSql,
} from './users.repo';
import { emptyToNull, parseExpiry, userRowInScope } from './users.service';

type Changes = Partial<typeof users.$inferInsert>;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Everything an edit decides on, batched with the actor (keyed by the request alone): the
 * account, the rule's verdict on it, its parent's bounds, who holds the new username, the new
 * companies, the sub-users outside the new scope, and the roles named or held.
 */
export function updateUserReads(
  db: DrizzleDb,
  claimedId: string,
  id: string,
  input: UpdateUserInput,
) {
  const relatedPath = sql`(SELECT path FROM companies WHERE id = ${input.relatedCompanyId ?? null})`;
  return [
    userRecordQuery(db, id),
    db.all<NotBelow>(accountsNotBelowQuery({ claimedId }, idList([id]))),
    parentBoundsQuery(db, sql`(SELECT parent_user_id FROM users WHERE id = ${id})`),
    usernameHolderQuery(db, input.username ?? ''),
    companyQuery(db, input.companyId ?? ''),
    companyQuery(db, input.relatedCompanyId ?? ''),
    subUsersOutsideScopeQuery(db, id, relatedPath),
    assignableRolesQuery(db, input.roleIds ?? [], id),
  ] as const;
}

type UpdateUserRows = BatchResponse<ReturnType<typeof updateUserReads>>;

/**
 * Edits an account entirely below the actor. Only the fields the body names change, and the
 * ceilings are checked on what actually changes: an untouched (or re-sent, equal) expiry or
 * company is not re-checked, so a manager may still fix the phone of an account whose date
 * it could not set today. Decided on one read; written in one batch that re-checks the rules
 * a concurrent request could break (still below the actor, chain order, role reach, username).
 */
export async function updateUser(
  ctx: ServiceContext,
  id: string,
  input: UpdateUserInput,
  rows: UpdateUserRows,
): Promise<UserRecord> {
  const { db, actor } = ctx;
  const [[row], [refused], [boundsRow], holders, [company], [related], [outside], roleRows] = rows;
  const target = userRowInScope(actor, row);
  if (refused) throw notBelowError(refused);
  const before = toUserRecord(target);
  const bounds = parentBoundsFrom(boundsRow);
  const set: Changes = {};

  if (input.username !== undefined && input.username !== before.username) {
    if (holders.some((h) => h.id !== id)) {
      throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    }
    Object.assign(set, { username: input.username, usernameKey: input.username.toLowerCase() });
  }
  if (input.displayName !== undefined && input.displayName !== before.displayName) {
    set.displayName = input.displayName;
  }
  if (input.email !== undefined && emptyToNull(input.email) !== before.email) {
    // Where an account's sign-in codes go is part of its factors: moving them needs the right
    // to configure factors, not only to edit profiles.
    if (Object.values(before.mfa).includes('email')) {
      assertHolds(actor, 'function.mfa.configure', 'email');
    }
    set.email = emptyToNull(input.email);
  }
  if (input.phone !== undefined && emptyToNull(input.phone) !== before.phone) {
    set.phone = emptyToNull(input.phone);
  }
  if (input.status !== undefined && input.status !== before.status) set.status = input.status;

  let companyPath = target.company_path;
  if (input.companyId !== undefined && input.companyId !== before.companyId) {
    companyPath = companyInScopeFrom(actor, company, 'companyId').path;
    assertScopeWithinParent(bounds?.scopePath, companyPath, 'companyId');
    set.companyId = input.companyId;
  }
  if (input.relatedCompanyId !== undefined && input.relatedCompanyId !== before.relatedCompanyId) {
    const scope = companyInScopeFrom(actor, related, 'relatedCompanyId');
    assertScopeWithinParent(bounds?.scopePath, scope.path);
    const n = Number(outside?.n ?? 0);
    if (n > 0) {
      throw new ApiError('EXCEEDS_PARENT', {
        message: `${n} sub-user${n === 1 ? ' sees or belongs' : 's see or belong'} outside this related company. Narrow ${n === 1 ? 'its' : 'their'} scope first.`,
        field: 'relatedCompanyId',
        details: { subUsers: n },
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
    assertRolesAssignable(
      actor,
      roleIds ?? before.roleIds,
      companyPath,
      new Set(before.roleIds),
      roleRows,
    );
  }

  let expiresAt: number | null | undefined;
  const stored = target.expires_at === null ? null : Number(target.expires_at);
  if (input.expiresAt !== undefined && parseExpiry(input.expiresAt) !== stored) {
    expiresAt = parseExpiry(input.expiresAt);
    assertExpiryWithin(actor, expiresAt);
    assertExpiryWithinParent(bounds?.expiresAt, expiresAt);
  }

  if (input.password) {
    assertPasswordAcceptable(input.password, namesAfterEdit(before, input), 'password');
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
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  // Read before the writes: a disabled or expired account's hub must still be found.
  const liveAt = batch.add(liveAmong(subtreeOf(id)));
  if (set.email === null) {
    // Email codes need somewhere to go: an account signing in or unlocking by email keeps one.
    batch.guard(
      sql`SELECT 1 FROM users WHERE id = ${id}
        AND 'email' IN (mfa_web_login, mfa_app_login, mfa_app_unlock)`,
      () =>
        new ApiError('EMAIL_REQUIRED', {
          message:
            'This account signs in or unlocks with email codes: choose another factor first.',
          field: 'email',
        }),
    );
  }
  if (Object.keys(set).length > 0) {
    batch.add(
      db
        .update(users)
        .set({ ...set, updatedAt: new Date(now) })
        .where(eq(users.id, id)),
    );
  }
  if (replaceRoles && roleIds) {
    batch.add(db.delete(userRoles).where(eq(userRoles.userId, id)));
    batch.faultPoint('users.update.midway', ctx.fault);
    if (roleIds.length)
      batch.add(db.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId }))));
  }
  if (replacePermissions && permissions) {
    batch.add(db.delete(userPermissions).where(eq(userPermissions.userId, id)));
    if (permissions.length) {
      batch.add(
        db
          .insert(userPermissions)
          .values(permissions.map((permission) => ({ userId: id, permission }))),
      );
    }
  }
  if (expiresAt !== undefined) batch.add(applyExpiryPlan(expiryPlan(idList([id]), expiresAt), now));
  guardAccountAfterWrite(batch, db, actor, id);
  batch.add(
    auditInsert(db, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      companyPath,
      summary: `Edited user “${input.username ?? before.username}”${input.password ? ' (password reset)' : ''}`,
      ...auditDiff(before, input, expiresAt),
    }),
  );
  if (input.password) {
    // Its own entry too, so that "password changes" lists admin resets beside own changes.
    batch.add(
      auditInsert(db, actor, {
        action: 'user.password',
        targetType: 'user',
        targetId: id,
        companyPath,
        summary: `Reset the password of “${input.username ?? before.username}”`,
        after: { by: 'admin' },
      }),
    );
  }
  const afterAt = batch.add(userRecordSql(id));
  let results: Awaited<ReturnType<WriteBatch['commit']>>;
  try {
    results = await batch.commit();
  } catch (error) {
    if (isUsernameConflict(error)) throw new ApiError('USERNAME_TAKEN', { field: 'username' });
    throw error;
  }
  const [afterRow] = rowsOf<UserRecordRow>(results[afterAt]);
  if (!afterRow) throw new ApiError('NOT_FOUND', { message: 'No such user.' });
  const after = toUserRecord(afterRow);
  const live = rowsOf<{ id: string }>(results[liveAt]).map((r) => r.id);
  await tellScreens(ctx, id, live, before, after, Boolean(input.password));
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
 * Tells the live accounts of the edited one's subtree (`live`, read in the write batch).
 * Ending sessions is awaited so the answer means "they are out" (an admin password reset ends
 * the target's sessions too); notices can trail.
 */
async function tellScreens(
  ctx: ServiceContext,
  id: string,
  live: string[],
  before: UserRecord,
  after: UserRecord,
  passwordReset: boolean,
) {
  const self = live.filter((liveId) => liveId === id);
  if (after.status === 'disabled' && before.status !== 'disabled') {
    await endSessionsOf(ctx.env, live, 'account_disabled');
    return;
  }
  if (after.expiresAt !== null && Date.parse(after.expiresAt) <= Date.now()) {
    await endSessionsOf(ctx.env, live, 'account_expired');
    return;
  }
  if (passwordReset) await endSessionsOf(ctx.env, self, 'password_changed');
  ctx.defer(
    (async () => {
      if (before.expiresAt !== after.expiresAt) {
        await recheckAccounts(ctx.env, live);
        await broadcastTo(ctx.env, self, { type: 'expiry_changed' });
      }
      if (before.effectivePermissions.join() !== after.effectivePermissions.join()) {
        await broadcastTo(ctx.env, live, { type: 'permissions_changed' });
      }
    })(),
  );
}
