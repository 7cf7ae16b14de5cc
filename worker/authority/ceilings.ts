import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { companies, rolePermissions, roles } from '../../db/schema';
import type { DbOrTx } from '../lib/db';
import { readableInstant } from '../lib/encoding';
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
      message: `The expiration date cannot be later than your own (${readableInstant(actor.expiresAt)}).`,
      field,
      details: { max: new Date(actor.expiresAt).toISOString() },
    });
  }
}

/**
 * Roles to assign to a user of the company at `companyPath`: each must be owned by that
 * company or one above it (usable in its subtree, hence also visible to the actor), and any
 * role newly given must not hold a permission the actor lacks.
 */
export async function assertRolesAssignable(
  db: DbOrTx,
  actor: Actor,
  roleIds: string[],
  companyPath: string,
  alreadyHeld: ReadonlySet<string>,
): Promise<void> {
  const unique = [...new Set(roleIds)];
  if (unique.length === 0) return;
  const rows = await db
    .select({ id: roles.id, ownerPath: companies.path })
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .where(inArray(roles.id, unique));
  const owners = new Map(rows.map((r) => [r.id, r.ownerPath]));
  for (const id of unique) {
    const ownerPath = owners.get(id);
    if (!ownerPath || !companyPath.startsWith(ownerPath)) {
      throw new ApiError('NOT_FOUND', {
        message: 'No such role for this company.',
        field: 'roleIds',
      });
    }
  }
  const added = unique.filter((id) => !alreadyHeld.has(id));
  if (added.length === 0) return;
  const grants = await db
    .select({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, added));
  assertGrantable(
    actor,
    grants.map((g) => g.permission),
    'roleIds',
  );
}

/** Role assignments whose role is owned outside the holder's company line, among `holders`. */
const assignmentsOutOfReach = (holders: SQL): SQL => sql`
    SELECT ur.user_id FROM user_roles ur
      JOIN users u ON u.id = ur.user_id
      JOIN companies hc ON hc.id = u.company_id
      JOIN roles r ON r.id = ur.role_id
      JOIN companies oc ON oc.id = r.company_id
    WHERE ${holders} AND NOT (hc.path >= oc.path AND hc.path < oc.path || '~')`;

async function rolesOutOfReach(db: DbOrTx, holders: SQL): Promise<number> {
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (${assignmentsOutOfReach(holders)})`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The role assignments under `path` that name a role owned outside the holder's company line
 * (a role is usable only in its owner's subtree): a query, to guard a company move's batch
 * with, after its writes.
 */
export const rolesOutOfReachUnderQuery = (path: string): SQL =>
  assignmentsOutOfReach(sql`hc.path >= ${path} AND hc.path < ${`${path}~`}`);

/**
 * Run last inside a write transaction that gave `userId` roles or a company: 404 (as for a role
 * that does not exist for the company) when a role it holds is owned outside its company's line.
 * The transaction holds the write lock, so a company move that landed first is seen here.
 */
export async function assertRolesReachable(db: DbOrTx, userId: string): Promise<void> {
  if ((await rolesOutOfReach(db, sql`ur.user_id = ${userId}`)) > 0) {
    throw new ApiError('NOT_FOUND', {
      message: 'No such role for this company (it may have moved meanwhile).',
      field: 'roleIds',
    });
  }
}
