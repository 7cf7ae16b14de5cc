import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { companies, users } from '../../../db/schema';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { effectivePermissionsOf } from './effective-permissions';

/** The signed-in user as the rules see it: its scope, its ceiling and its permissions. */
export interface Actor {
  id: string;
  username: string;
  companyId: string;
  scopeId: string;
  /** Materialized path of the scope company; everything under it is in scope. */
  scopePath: string;
  expiresAt: number | null;
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
        expiresAt: users.expiresAt,
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
    expiresAt: row.expiresAt === null ? null : row.expiresAt.getTime(),
    permissions: new Set(permissions),
  };
  c.set('actor', actor);
  return actor;
}

/** Guards a route with a `function.*` permission; 403 PERMISSION_REQUIRED names it. */
export const requirePermission = (permission: string) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const actor = await getActor(c);
    if (!actor.permissions.has(permission)) {
      throw new ApiError('PERMISSION_REQUIRED', {
        message: `You need the permission “${permission}”.`,
        details: { permission },
      });
    }
    await next();
  });
