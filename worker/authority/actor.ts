import type { Context } from 'hono';
import type { PermissionKey } from '../../schemas/permissions';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { authorize } from './authorize';

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

/** The actor of the request, loaded (with the session check) on first use. */
export async function getActor(c: Context<AppEnv>): Promise<Actor> {
  return c.get('actor') ?? (await authorize(c)).actor;
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
