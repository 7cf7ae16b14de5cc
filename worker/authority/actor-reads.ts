import { eq, type SQL, sql } from 'drizzle-orm';
import { companies, users } from '../../db/schema';
import { effectivePermissions } from '../../schemas/permissions';
import type { DrizzleDb } from '../lib/db';
import type { ChainLink } from './account.repo';
import { earliestExpiry } from './account-standing';
import type { Actor } from './actor';
import { grantsOf } from './effective-permissions';

/** The user `where` names and its ancestors, as a recursive CTE named `chain`. */
export const chainCte = (
  where: SQL,
) => sql`WITH RECURSIVE chain(id, parent_user_id, status, expires_at, must_change_password, depth) AS (
    SELECT id, parent_user_id, status, expires_at, must_change_password, 0 FROM users WHERE ${where}
    UNION ALL
    SELECT u.id, u.parent_user_id, u.status, u.expires_at, u.must_change_password, chain.depth + 1
    FROM users u JOIN chain ON u.id = chain.parent_user_id)`;

/** The chain's rows, nearest first. */
export const chainSelect = (where: SQL) =>
  sql`${chainCte(where)} SELECT id, parent_user_id, status, expires_at, must_change_password FROM chain ORDER BY depth`;

export interface ChainRow {
  id: string;
  parent_user_id: string | null;
  status: 'active' | 'disabled';
  expires_at: number | null;
  must_change_password: number;
}

export const chainRowsToLinks = (rows: ChainRow[]): ChainLink[] =>
  rows.map((r) => ({
    id: r.id,
    parentUserId: r.parent_user_id,
    status: r.status,
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    mustChangePassword: Boolean(r.must_change_password),
  }));

/**
 * The statements that make the actor, all keyed by the user id alone, so they travel in the
 * same libSQL batch as the route's own reads: one round trip for both.
 */
export function actorReads(db: DrizzleDb, userId: string) {
  const chain = chainCte(sql`id = ${userId}`);
  return [
    db.all<ChainRow>(chainSelect(sql`id = ${userId}`)),
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
      .where(eq(users.id, userId)),
    db.all<{ user_id: string; permission: string }>(
      sql`${chain} ${grantsOf(sql`SELECT id FROM chain`)}`,
    ),
  ] as const;
}

export const ACTOR_READ_COUNT = 3;

type ActorReadResults = {
  [K in keyof ReturnType<typeof actorReads>]: Awaited<ReturnType<typeof actorReads>[K]>;
};

/**
 * The chain and the actor from the results of `actorReads`; the actor is null when the
 * account is gone. Effective permissions: own grants ∩ every ancestor's, from the root down.
 */
export function actorFromReads(results: ActorReadResults): {
  chain: ChainLink[];
  actor: Actor | null;
} {
  const [chainRows, actorRows, grantRows] = results;
  const chain = chainRowsToLinks(chainRows);
  const row = actorRows[0];
  if (!row) return { chain, actor: null };
  // Each account's own grants, direct or through a role (already one set in the rows).
  const grants = new Map(chain.map((l) => [l.id, [] as string[]]));
  for (const g of grantRows) grants.get(g.user_id)?.push(g.permission);
  let inherited: Set<string> | undefined;
  for (const link of [...chain].reverse()) {
    inherited = effectivePermissions(grants.get(link.id) ?? [], [], inherited);
  }
  return {
    chain,
    actor: {
      ...row,
      expiresAt: earliestExpiry(chain),
      ancestorIds: chain.slice(1).map((link) => link.id),
      permissions: inherited ?? new Set(),
    },
  };
}
