import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { companies, users } from '../../db/schema';
import type { PermissionKey } from '../../schemas/permissions';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { earliestExpiry } from './account-standing';
import { effectivePermissionsOf } from './effective-permissions';

/** The signed-in user as the rules see it: its scope, its ceiling and its permissions. */
export interface Actor {
  id: string;
  username: string;
  companyId: string;
  scopeId: string;
  /** Materialized path of the scope company; everything under it is in scope. */
  scopePath: string;
  /**
   * When the actor stops being usable: the earliest expiry along its parent chain (a sub-user
   * cannot outlive its parent, so neither can what it grants).
   */
  expiresAt: number | null;
  /** The actor's parent, grandparent …: accounts it may never act on. */
  ancestorIds: readonly string[];
  permissions: ReadonlySet<string>;
}

/** Loads the actor once per request (after requireAuth) and keeps it in `c.var.actor`. */
export async function getActor(c: Context<AppEnv>): Promise<Actor> {
  const cached = c.get('actor');
  if (cached) return cached;
  const { db, auth } = c.var;
  const [row, permissions] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        companyId: users.companyId,
        scopeId: users.relatedCompanyId,
        scopePath: companies.path,
      })
      .from(users)
      .innerJoin(companies, eq(companies.id, users.relatedCompanyId))
      .where(eq(users.id, auth.userId))
      .get(),
    effectivePermissionsOf(db, auth.chain),
  ]);
  if (!row) throw new ApiError('SESSION_ENDED');
  const actor: Actor = {
    ...row,
    expiresAt: earliestExpiry(auth.chain),
    ancestorIds: auth.chain.slice(1).map((link) => link.id),
    permissions: new Set(permissions),
  };
  c.set('actor', actor);
  return actor;
}

/** 403 PERMISSION_REQUIRED naming the permission the actor lacks. */
export function assertHolds(actor: Actor, permission: PermissionKey, field?: string): void {
  if (!actor.permissions.has(permission)) {
    throw new ApiError('PERMISSION_REQUIRED', {
      message: `You need the permission “${permission}”.`,
      field,
      details: { permission },
    });
  }
}

/** Guards a route with a `function.*` permission. */
export const requirePermission = (permission: PermissionKey) =>
  createMiddleware<AppEnv>(async (c, next) => {
    assertHolds(await getActor(c), permission);
    await next();
  });
