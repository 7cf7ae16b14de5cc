import { type SQL, sql } from 'drizzle-orm';
import type { DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';
import type { Actor } from './actor';

/** Nobody grants a permission it does not hold: 403 naming the first one. */
export function assertGrantable(actor: Actor, keys: Iterable<string>, field: string): void {
  for (const key of keys) {
    if (!actor.permissions.has(key)) {
      throw new ApiError('GRANT_EXCEEDS_OWN', {
        message: `You cannot grant “${key}”: you do not hold it.`,
        field,
        details: { permission: key },
      });
    }
  }
}

/**
 * On an edit only what is added must be held: an admin may keep, or remove, a grant it does
 * not hold itself.
 */
export function assertAdditionsGrantable(
  actor: Actor,
  next: readonly string[],
  previous: readonly string[],
  field: string,
): void {
  const had = new Set(previous);
  assertGrantable(
    actor,
    next.filter((key) => !had.has(key)),
    field,
  );
}

/** Nobody sets an expiry beyond its own: an actor that expires cannot grant "never". */
export function assertExpiryWithin(actor: Actor, expiresAt: number | null, field = 'expiresAt') {
  if (actor.expiresAt === null) return;
  if (expiresAt === null || expiresAt > actor.expiresAt) {
    throw new ApiError('EXPIRY_EXCEEDS_OWN', {
      // The limit as a machine fact: the client words the date in the reader's zone and locale.
      message: 'The expiration date cannot be later than your own.',
      field,
      details: { max: new Date(actor.expiresAt).toISOString(), limit: 'own' },
    });
  }
}

/** A role that may be assigned, with its owner's path and its permission keys. */
export interface AssignableRoleRow {
  id: string;
  owner_path: string;
  permissions: string;
}

/**
 * The roles `roleIds` names and those `heldBy` already holds, with their owners' paths and
 * permissions (JSON): what {@link assertRolesAssignable} decides on, as a batchable query.
 */
export function assignableRolesQuery(db: DrizzleDb, roleIds: readonly string[], heldBy?: string) {
  return db.all<AssignableRoleRow>(sql`
    SELECT r.id, c.path AS owner_path,
      (SELECT json_group_array(permission) FROM role_permissions rp WHERE rp.role_id = r.id)
        AS permissions
    FROM roles r JOIN companies c ON c.id = r.company_id
    WHERE r.id IN (SELECT value FROM json_each(${JSON.stringify(roleIds)}))
       OR r.id IN (SELECT role_id FROM user_roles WHERE user_id = ${heldBy ?? null})`);
}

/**
 * Roles to assign to a user of the company at `companyPath`: each must be owned by that
 * company or one above it (usable in its subtree, hence also visible to the actor), and any
 * role newly given must not hold a permission the actor lacks. `rows` come from
 * {@link assignableRolesQuery}.
 */
export function assertRolesAssignable(
  actor: Actor,
  roleIds: string[],
  companyPath: string,
  alreadyHeld: ReadonlySet<string>,
  rows: readonly AssignableRoleRow[],
): void {
  const unique = [...new Set(roleIds)];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of unique) {
    const ownerPath = byId.get(id)?.owner_path;
    if (!ownerPath || !companyPath.startsWith(ownerPath)) {
      throw new ApiError('NOT_FOUND', {
        message: 'No such role for this company.',
        field: 'roleIds',
      });
    }
  }
  const added = unique.filter((id) => !alreadyHeld.has(id));
  assertGrantable(
    actor,
    added.flatMap((id) => JSON.parse(byId.get(id)?.permissions ?? '[]') as string[]),
    'roleIds',
  );
}

/** Role assignments whose role is owned outside the holder's company line, among `holders`. */
export const rolesOutOfReachQuery = (holders: SQL): SQL => sql`
    SELECT ur.user_id FROM user_roles ur
      JOIN users u ON u.id = ur.user_id
      JOIN companies hc ON hc.id = u.company_id
      JOIN roles r ON r.id = ur.role_id
      JOIN companies oc ON oc.id = r.company_id
    WHERE ${holders} AND NOT (hc.path >= oc.path AND hc.path < oc.path || '~')`;

/**
 * The role assignments under `path` that name a role owned outside the holder's company line
 * (a role is usable only in its owner's subtree): a query, to guard a company move's batch
 * with, after its writes.
 */
export const rolesOutOfReachUnderQuery = (path: string): SQL =>
  rolesOutOfReachQuery(sql`hc.path >= ${path} AND hc.path < ${`${path}~`}`);

/** 404 (as for a role that does not exist for the company) when a role is out of reach. */
export const roleOutOfReachError = () =>
  new ApiError('NOT_FOUND', {
    message: 'No such role for this company (it may have moved meanwhile).',
    field: 'roleIds',
  });
