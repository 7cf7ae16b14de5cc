import { eq } from 'drizzle-orm';
import { userPermissions, userRoles, users } from '../../../db/schema';
import type { CreateUserInput, UserRecord } from '../../../schemas/users';
import { accountBelowActor } from '../../authority/act-on-account';
import type { Actor } from '../../authority/actor';
import {
  assertExpiryWithin,
  assertGrantable,
  assertRolesAssignable,
  assertRolesReachable,
} from '../../authority/ceilings';
import {
  assertExpiryWithinParent,
  assertOrderedAround,
  assertScopeWithinParent,
  parentBounds,
} from '../../authority/chain-order';
import { companyInScope } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { auditInsert } from '../../lib/audit-log';
import type { DbOrTx } from '../../lib/db';
import { newId } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import { assertPasswordAcceptable } from '../../lib/password-policy';
import { usernameTaken } from './users.repo';
import { emptyToNull, getUser, parseExpiry } from './users.service';

/**
 * The parent of a new sub-user: the actor itself, or an account entirely below it (a sub-user
 * hung under a stronger account would borrow rights the actor cannot see the end of).
 */
async function parentFor(db: DbOrTx, actor: Actor, parentUserId: string | null | undefined) {
  if (!parentUserId) return null;
  if (parentUserId === actor.id) {
    const self = await db.select().from(users).where(eq(users.id, actor.id)).get();
    if (!self) throw new ApiError('SESSION_ENDED');
    return self;
  }
  return accountBelowActor(db, actor, parentUserId, 'parentUserId');
}

/** Creates a user or sub-user; every ceiling and the parent chain's order are checked first. */
export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<UserRecord> {
  const { db, actor } = ctx;
  assertPasswordAcceptable(input.password, input, 'password');
  const parent = await parentFor(db, actor, input.parentUserId);
  const bounds = parent ? await parentBounds(db, parent.id) : null;
  const company = await companyInScope(db, actor, input.companyId, 'companyId');
  const related = await companyInScope(db, actor, input.relatedCompanyId, 'relatedCompanyId');
  assertScopeWithinParent(bounds?.scopePath, related.path);
  assertScopeWithinParent(bounds?.scopePath, company.path, 'companyId');
  const permissions = [...new Set(input.permissions ?? [])];
  const roleIds = [...new Set(input.roleIds ?? [])];
  assertGrantable(actor, permissions, 'permissions');
  await assertRolesAssignable(db, actor, roleIds, company.path, new Set());
  const expiresAt = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, expiresAt);
  assertExpiryWithinParent(bounds?.expiresAt, expiresAt);
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
      // The parent may have been deleted since it was checked; inside the write transaction
      // nothing can delete it any more, so the new account cannot vanish by a cascade later.
      if (
        parent &&
        !(await tx.select({ id: users.id }).from(users).where(eq(users.id, parent.id)).get())
      ) {
        throw new ApiError('NOT_FOUND', { message: 'No such user.', field: 'parentUserId' });
      }
      await tx.insert(users).values(row);
      if (roleIds.length)
        await tx.insert(userRoles).values(roleIds.map((roleId) => ({ userId: id, roleId })));
      ctx.fault('users.create.midway');
      if (permissions.length) {
        await tx
          .insert(userPermissions)
          .values(permissions.map((permission) => ({ userId: id, permission })));
      }
      await assertOrderedAround(tx, [id]);
      await assertRolesReachable(tx, id);
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
    if (String(error).includes('FOREIGN KEY'))
      throw new ApiError('CONFLICT', {
        message: 'A company or role of this account changed meanwhile. Try again.',
      });
    throw error;
  }
  return getUser(db, actor, id).catch((error) => {
    // Committed, then removed at once by a racing delete of its parent (which counted and
    // audited it): the create still happened, so it answers 201 with what it wrote.
    if (!(error instanceof ApiError) || error.code !== 'NOT_FOUND') throw error;
    const at = now.toISOString();
    return {
      ...visible,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      status: 'active' as const,
      // The columns' defaults: a new account has not had its token rules set.
      tokenConfig: {
        longTerm: false,
        ttlMinutes: Number(users.tokenTtlMinutes.default),
        exclusiveLogin: false,
      },
      roleIds,
      permissions,
      effectivePermissions: [],
      subUserCount: 0,
      createdAt: at,
      updatedAt: at,
    };
  });
}
