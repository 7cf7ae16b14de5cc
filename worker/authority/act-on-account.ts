import { type SQL, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { DbOrTx, DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';
import type { Actor } from './actor';
import { grantsOf } from './effective-permissions';
import { userInScopeFrom, userInScopeQuery } from './scope';

/**
 * Why an account is not entirely below the actor. The rule for acting on another account
 * (edit, reset, disable, delete, expiry, token rules, factors, ending sessions):
 * - `outside_scope`: its company is outside the actor's scope (single accounts answer 404
 *   before this; it matters for sets such as a role's holders);
 * - `self`: own changes go through `/me` with the current password, so a stolen session
 *   alone cannot rewrite the account;
 * - `ancestor`: a sub-user never acts on the accounts it hangs from — it holds only what they
 *   lend it;
 * - `wider_scope`: an account that sees more of the tree than the actor is above it, even
 *   when its company lies inside the actor's scope;
 * - `more_permissions`: an account holding anything the actor lacks is stronger (taking it
 *   over would be an escalation);
 * - `later_expiry`: an account that outlives the actor (counted up both parent chains) holds
 *   time the actor does not have.
 */
export type NotBelowReason =
  | 'outside_scope'
  | 'self'
  | 'ancestor'
  | 'wider_scope'
  | 'more_permissions'
  | 'later_expiry';

const MESSAGES: Record<NotBelowReason, string> = {
  outside_scope: 'An account outside your scope is concerned.',
  self: 'Change your own account from your profile, with your current password.',
  ancestor: 'You cannot act on an account you belong to.',
  wider_scope: 'This account sees more of the company tree than you do.',
  more_permissions: 'This account holds permissions you do not hold.',
  later_expiry: 'This account stays valid longer than yours.',
};

/**
 * The accounts of `targets` (a query answering one `id` column) that are not entirely below the
 * actor, each with the first reason that fails, in one statement. Effective permissions are
 * computed as the server does everywhere: a permission counts when every account of the chain
 * (the target and each ancestor) holds it directly or through a role.
 */
export async function accountsNotBelow(
  db: DbOrTx,
  actor: Actor,
  targets: SQL,
): Promise<NotBelow[]> {
  return db.all<NotBelow>(accountsNotBelowQuery(actor, targets));
}

/**
 * Who acts: the actor once known, or the claimed user id of a request whose actor is still
 * being loaded (its facts are then computed in the same statement, so the verdict travels in
 * the actor's own batch: see `authorize`).
 */
export type ActingAccount = Actor | { claimedId: string };

/**
 * The actor's facts as CTEs `me(id, scope_path, expires_at)`, `held(permission)` and
 * `ancestors(id)`: from the known actor, or computed from the claimed id's own chain.
 */
function actingFacts(acting: ActingAccount): SQL {
  if ('claimedId' in acting) {
    const id = acting.claimedId;
    return sql`
      a_chain(anc, parent, expires_at) AS (
        SELECT id, parent_user_id, expires_at FROM users WHERE id = ${id}
        UNION ALL
        SELECT p.id, p.parent_user_id, p.expires_at FROM a_chain JOIN users p ON p.id = a_chain.parent
      ),
      a_grants(user_id, permission) AS (${grantsOf(sql`SELECT anc FROM a_chain`)}),
      held(permission) AS (
        SELECT permission FROM a_grants GROUP BY permission
          HAVING count(*) = (SELECT count(*) FROM a_chain)
      ),
      me(id, scope_path, expires_at) AS (
        SELECT u.id, c.path, (SELECT min(expires_at) FROM a_chain)
          FROM users u JOIN companies c ON c.id = u.related_company_id WHERE u.id = ${id}
      ),
      ancestors(id) AS (SELECT anc FROM a_chain WHERE anc <> ${id})`;
  }
  return sql`
      me(id, scope_path, expires_at) AS (
        SELECT ${acting.id}, ${acting.scopePath}, ${acting.expiresAt}
      ),
      held(permission) AS (SELECT value FROM json_each(${JSON.stringify([...acting.permissions])})),
      ancestors(id) AS (SELECT value FROM json_each(${JSON.stringify(acting.ancestorIds)}))`;
}

/**
 * The query of {@link accountsNotBelow}, to batch or to guard a write with. The costly part
 * (walking parent chains to intersect grants and find the earliest expiry) runs only for
 * `suspects`: an account's effective permissions are a subset of its own grants, and its
 * chain's earliest expiry is no later than its own, so an account whose own grants the actor
 * all holds, and whose own expiry is no later than the actor's, cannot fail either rule. A
 * company-wide sync over 50 000 accounts so walks the few that could, not all of them.
 */
export function accountsNotBelowQuery(acting: ActingAccount, targets: SQL): SQL {
  const inScope = (path: SQL) =>
    sql`(${path} >= (SELECT scope_path FROM me) AND ${path} < (SELECT scope_path FROM me) || '~')`;
  return sql`
    WITH RECURSIVE
      targets(id) AS MATERIALIZED (${targets}),
      ${actingFacts(acting)},
      own(user_id, permission) AS (${grantsOf(sql`SELECT id FROM targets`)}),
      suspects(id) AS (
        SELECT user_id FROM own WHERE permission NOT IN (SELECT permission FROM held)
        UNION
        SELECT u.id FROM users u
          WHERE u.id IN (SELECT id FROM targets) AND (SELECT expires_at FROM me) IS NOT NULL
            AND (u.expires_at IS NULL OR u.expires_at > (SELECT expires_at FROM me))
      ),
      chain(target, anc, parent, expires_at) AS (
        SELECT u.id, u.id, u.parent_user_id, u.expires_at FROM users u
          WHERE u.id IN (SELECT id FROM suspects)
        UNION ALL
        SELECT chain.target, p.id, p.parent_user_id, p.expires_at
          FROM chain JOIN users p ON p.id = chain.parent
      ),
      links(target, n, earliest) AS (
        SELECT target, count(*), min(expires_at) FROM chain GROUP BY target
      ),
      grants(user_id, permission) AS (${grantsOf(sql`SELECT anc FROM chain`)}),
      effective(target, permission) AS (
        SELECT chain.target, g.permission FROM chain JOIN grants g ON g.user_id = chain.anc
          GROUP BY chain.target, g.permission
          HAVING count(*) = (SELECT n FROM links WHERE links.target = chain.target)
      ),
      verdicts(id, reason, excess) AS (
        SELECT u.id, CASE
          WHEN NOT ${inScope(sql`hc.path`)} THEN 'outside_scope'
          WHEN u.id = (SELECT id FROM me) THEN 'self'
          WHEN u.id IN (SELECT id FROM ancestors) THEN 'ancestor'
          WHEN NOT ${inScope(sql`rc.path`)} THEN 'wider_scope'
          WHEN EXISTS (SELECT 1 FROM effective e WHERE e.target = u.id
              AND e.permission NOT IN (SELECT permission FROM held))
            THEN 'more_permissions'
          WHEN (SELECT expires_at FROM me) IS NOT NULL AND l.target IS NOT NULL
              AND (l.earliest IS NULL OR l.earliest > (SELECT expires_at FROM me))
            THEN 'later_expiry'
          END,
          (SELECT group_concat(permission, ',') FROM (SELECT e.permission FROM effective e
            WHERE e.target = u.id AND e.permission NOT IN (SELECT permission FROM held)
            ORDER BY e.permission LIMIT 5))
        FROM users u
          JOIN companies rc ON rc.id = u.related_company_id
          JOIN companies hc ON hc.id = u.company_id
          LEFT JOIN links l ON l.target = u.id
        WHERE u.id IN (SELECT id FROM targets)
      )
    SELECT id, reason, excess FROM verdicts WHERE reason IS NOT NULL`;
}

/** A literal list of ids as a `targets` query for {@link accountsNotBelow}. */
export const idList = (ids: readonly string[]): SQL =>
  sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;

/** An account that fails the rule, why, and (for a stronger one) up to 5 keys it holds more. */
export interface NotBelow {
  id: string;
  reason: NotBelowReason;
  excess: string | null;
}

/** 403 ACCOUNT_NOT_BELOW for the reason an account fails the rule, naming what it holds more. */
export function notBelowError(refused: NotBelow, field?: string): ApiError {
  const permissions =
    refused.reason === 'more_permissions' ? (refused.excess?.split(',') ?? []) : [];
  return new ApiError('ACCOUNT_NOT_BELOW', {
    message: permissions.length
      ? `This account holds permissions you do not hold: ${permissions.join(', ')}.`
      : MESSAGES[refused.reason],
    field,
    details: permissions.length
      ? { reason: refused.reason, permissions }
      : { reason: refused.reason },
  });
}

/**
 * What acting on one account reads, as batchable queries keyed by the request alone (the target
 * id and the claimed user id), to travel in `authorize`'s batch: the target with its company
 * path, and the rule's verdict on it. Every service that changes another account starts here.
 */
export function accountBelowReads(db: DrizzleDb, claimedId: string, id: string) {
  return [
    userInScopeQuery(db, id),
    db.all<NotBelow>(accountsNotBelowQuery({ claimedId }, idList([id]))),
  ] as const;
}

/** The results of {@link accountBelowReads}, as `authorize` returns them. */
export type AccountBelowRows = BatchResponse<ReturnType<typeof accountBelowReads>>;

/**
 * The decision on the rows of {@link accountBelowReads}: 404 outside the scope (as if the account
 * did not exist), 403 ACCOUNT_NOT_BELOW when not entirely below the actor.
 */
export function accountBelowFrom(
  actor: Actor,
  [targetRows, refusedRows]: AccountBelowRows,
  field?: string,
) {
  const target = userInScopeFrom(actor, targetRows[0], field);
  const [refused] = refusedRows;
  if (refused) throw notBelowError(refused, field);
  return target;
}
