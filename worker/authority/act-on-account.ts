import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../lib/db';
import { ApiError } from '../lib/errors';
import type { Actor } from './actor';
import { userInScope } from './scope';

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

/** The query of {@link accountsNotBelow}, to batch or to guard a write with. */
export function accountsNotBelowQuery(actor: Actor, targets: SQL): SQL {
  const scopeEnd = `${actor.scopePath}~`;
  const held = sql`(SELECT value FROM json_each(${JSON.stringify([...actor.permissions])}))`;
  return sql`
    WITH RECURSIVE
      targets(id) AS (${targets}),
      chain(target, anc, parent, expires_at) AS (
        SELECT u.id, u.id, u.parent_user_id, u.expires_at FROM users u
          WHERE u.id IN (SELECT id FROM targets)
        UNION ALL
        SELECT chain.target, p.id, p.parent_user_id, p.expires_at
          FROM chain JOIN users p ON p.id = chain.parent
      ),
      links(target, n, earliest) AS (
        SELECT target, count(*), min(expires_at) FROM chain GROUP BY target
      ),
      grants(user_id, permission) AS (
        SELECT user_id, permission FROM user_permissions
          WHERE user_id IN (SELECT anc FROM chain)
        UNION
        SELECT ur.user_id, rp.permission FROM user_roles ur
          JOIN role_permissions rp ON rp.role_id = ur.role_id
          WHERE ur.user_id IN (SELECT anc FROM chain)
      ),
      effective(target, permission) AS (
        SELECT chain.target, g.permission FROM chain JOIN grants g ON g.user_id = chain.anc
          GROUP BY chain.target, g.permission
          HAVING count(*) = (SELECT n FROM links WHERE links.target = chain.target)
      ),
      verdicts(id, reason, excess) AS (
        SELECT u.id, CASE
          WHEN NOT (hc.path >= ${actor.scopePath} AND hc.path < ${scopeEnd}) THEN 'outside_scope'
          WHEN u.id = ${actor.id} THEN 'self'
          WHEN u.id IN (SELECT value FROM json_each(${JSON.stringify(actor.ancestorIds)}))
            THEN 'ancestor'
          WHEN NOT (rc.path >= ${actor.scopePath} AND rc.path < ${scopeEnd}) THEN 'wider_scope'
          WHEN EXISTS (SELECT 1 FROM effective e WHERE e.target = u.id AND e.permission NOT IN ${held})
            THEN 'more_permissions'
          WHEN ${actor.expiresAt} IS NOT NULL AND (l.earliest IS NULL OR l.earliest > ${actor.expiresAt})
            THEN 'later_expiry'
          END,
          (SELECT group_concat(permission, ',') FROM (SELECT e.permission FROM effective e
            WHERE e.target = u.id AND e.permission NOT IN ${held} ORDER BY e.permission LIMIT 5))
        FROM users u
          JOIN companies rc ON rc.id = u.related_company_id
          JOIN companies hc ON hc.id = u.company_id
          JOIN links l ON l.target = u.id
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
 * The account the actor is about to act on: 404 outside the actor's scope (as if it did not
 * exist), 403 ACCOUNT_NOT_BELOW when it is not entirely below the actor. Every service that
 * changes another account starts here.
 */
export async function accountBelowActor(db: DbOrTx, actor: Actor, id: string, field?: string) {
  const target = await userInScope(db, actor, id, field);
  const [refused] = await accountsNotBelow(db, actor, idList([id]));
  if (refused) throw notBelowError(refused, field);
  return target;
}
