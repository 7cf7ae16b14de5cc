import { type SQL, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { ExpiryUpdateInput } from '../../../schemas/users';
import { withSubUsers } from '../../authority/account.repo';
import {
  type ActingAccount,
  accountBelowFrom,
  accountBelowReads,
  accountsNotBelowQuery,
  idList,
} from '../../authority/act-on-account';
import { assertHolds } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import { assertExpiryWithin } from '../../authority/ceilings';
import {
  assertExpiryWithinParent,
  expiryPlan,
  parentBoundsFrom,
  parentBoundsQuery,
} from '../../authority/chain-order';
import type { ServiceContext } from '../../authority/service-context';
import { liveAmong } from '../../durable-objects/live-index';
import {
  broadcastTo,
  endSessionsOf,
  recheckAccounts,
} from '../../durable-objects/session-hub.client';
import { auditId, auditInsertComputed } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { rowsOf } from '../../lib/write-batch';
import { guardStillBelow } from './users.guards';
import { iso, parseExpiry } from './users.service';

/**
 * Every account of the company of user `id` (and, optionally, of its subsidiaries), selected
 * inside the database from the user's own row.
 */
function companyAccounts(id: string, includeSubsidiaries: boolean): SQL {
  if (!includeSubsidiaries) {
    return sql`SELECT id FROM users WHERE company_id = (SELECT company_id FROM users WHERE id = ${id})`;
  }
  const path = sql`(SELECT c.path FROM users t JOIN companies c ON c.id = t.company_id WHERE t.id = ${id})`;
  return sql`SELECT u.id FROM users u JOIN companies c ON c.id = u.company_id
    WHERE c.path >= ${path} AND c.path < ${path} || '~'`;
}

/**
 * The change as CTEs: `refused(id)`, the accounts of the company left alone (not below the
 * acting account; none for a single account), then the {@link expiryPlan} over the rest.
 * Chosen inside the database, whatever the number of accounts.
 */
function syncPlan(acting: ActingAccount, id: string, input: ExpiryUpdateInput): SQL {
  const all = input.applyToCompany
    ? companyAccounts(id, Boolean(input.includeSubsidiaries))
    : idList([id]);
  const refused = input.applyToCompany
    ? sql`SELECT id FROM (${accountsNotBelowQuery(acting, all)})`
    : sql`SELECT NULL WHERE 0`;
  return sql`refused(id) AS (${refused}),
    ${expiryPlan(sql`${all} EXCEPT SELECT id FROM refused`, parseExpiry(input.expiresAt))}`;
}

/**
 * What an expiry change decides on, batched with the actor: the account, the rule, its
 * parent's bounds, and for a dry run the exact counts (the same selection as the write).
 */
export function updateExpiryReads(
  db: DrizzleDb,
  claimedId: string,
  id: string,
  input: ExpiryUpdateInput,
  dryRun: boolean,
) {
  const counts = dryRun
    ? sql`WITH RECURSIVE ${syncPlan({ claimedId }, id, input)}
        SELECT (SELECT count(*) FROM changes) AS updated, (SELECT count(*) FROM refused) AS skipped`
    : sql`SELECT 0 AS updated, 0 AS skipped`;
  return [
    ...accountBelowReads(db, claimedId, id),
    parentBoundsQuery(db, sql`(SELECT parent_user_id FROM users WHERE id = ${id})`),
    db.all<{ updated: number; skipped: number }>(counts),
  ] as const;
}

type UpdateExpiryRows = BatchResponse<ReturnType<typeof updateExpiryReads>>;

/**
 * Sets one account's expiry, or every account of its company (optionally with subsidiaries)
 * that lies entirely below the actor — the others (the actor, its ancestors, stronger
 * accounts) are skipped and counted. Each account gets the date or its parent's, if earlier,
 * and sub-users are carried down, all in one batch that chooses the accounts inside the
 * database. `dryRun` counts the same selection in the read.
 */
export async function updateExpiry(
  ctx: ServiceContext,
  id: string,
  input: ExpiryUpdateInput,
  dryRun: boolean,
  [target, refusedRows, [boundsRow], [counts]]: UpdateExpiryRows,
) {
  const { db, actor } = ctx;
  if (input.applyToCompany) assertHolds(actor, 'function.users.expiry.sync', 'applyToCompany');
  const user = accountBelowFrom(actor, [target, refusedRows]);
  const value = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, value);
  if (!input.applyToCompany && user.parentUserId) {
    assertExpiryWithinParent(parentBoundsFrom(boundsRow)?.expiresAt, value);
  }
  if (dryRun)
    return { updated: Number(counts?.updated ?? 0), skipped: Number(counts?.skipped ?? 0) };

  const entryId = auditId();
  const mine = sql`entry_id = ${entryId}`;
  const changed = sql`SELECT user_id AS id FROM expiry_changes WHERE ${mine} AND refused = 0`;
  const count = (refused: 0 | 1) =>
    sql`(SELECT count(*) FROM expiry_changes WHERE ${mine} AND refused = ${refused})`;
  const valueIso = value === null ? null : new Date(value).toISOString();
  const scopeNote = input.applyToCompany
    ? input.includeSubsidiaries
      ? 'company and subsidiaries'
      : 'whole company'
    : null;
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  // Which accounts, decided once into expiry_changes; the statements after it read from there.
  if (input.applyToCompany) {
    const all = companyAccounts(id, Boolean(input.includeSubsidiaries));
    batch.add(sql`INSERT INTO expiry_changes (entry_id, user_id, expires_at, refused)
      SELECT ${entryId}, id, NULL, 1 FROM (${accountsNotBelowQuery(actor, all)})`);
  }
  const targets = input.applyToCompany
    ? sql`${companyAccounts(id, Boolean(input.includeSubsidiaries))}
        EXCEPT SELECT user_id FROM expiry_changes WHERE ${mine} AND refused = 1`
    : idList([id]);
  batch.add(sql`WITH RECURSIVE ${expiryPlan(targets, value)}
    INSERT INTO expiry_changes (entry_id, user_id, expires_at, refused)
    SELECT ${entryId}, p.id, p.v, 0 FROM planned p JOIN users u ON u.id = p.id
      WHERE u.expires_at IS NOT p.v`);
  batch.add(
    auditInsertComputed(
      actor,
      {
        action: 'user.expiry',
        targetType: 'user',
        targetId: id,
        companyPath: user.companyPath,
        summary: sql`SELECT 'Set the expiration date of ' || n || ' account'
            || CASE WHEN n = 1 THEN '' ELSE 's' END || ${` to ${valueIso ?? 'never'}`}
            || CASE WHEN ${scopeNote} IS NULL THEN ''
              ELSE ' (' || ${scopeNote} || CASE WHEN s > 0 THEN ', ' || s || ' skipped' ELSE '' END || ')'
              END
          FROM (SELECT ${count(0)} AS n, ${count(1)} AS s)`,
        before: sql`SELECT ${JSON.stringify({ expiresAt: iso(user.expiresAt) })}`,
        after: sql`SELECT json_set(${JSON.stringify({
          expiresAt: valueIso,
          applyToCompany: input.applyToCompany,
          includeSubsidiaries: input.includeSubsidiaries,
        })}, '$.userIds', json((SELECT json_group_array(id) FROM (${changed}))),
          '$.skipped', ${count(1)})`,
      },
      { id: entryId },
    ),
  );
  batch.add(sql`UPDATE users SET expires_at = e.expires_at, updated_at = ${Date.now()}
    FROM expiry_changes e WHERE e.entry_id = ${entryId} AND e.refused = 0 AND e.user_id = users.id`);
  batch.faultPoint('users.expiry.midway', ctx.fault);
  const countsAt = batch.add(sql`SELECT ${count(0)} AS updated, ${count(1)} AS skipped`);
  const liveAt = batch.add(liveAmong(withSubUsers(changed)));
  const liveChangedAt = batch.add(liveAmong(changed));
  batch.add(sql`DELETE FROM expiry_changes WHERE ${mine}`);
  const results = await batch.commit();
  const ids = (at: number) => rowsOf<{ id: string }>(results[at]).map((r) => r.id);
  tellScreens(ctx, ids(liveAt), ids(liveChangedAt), value);
  const [counted] = rowsOf<{ updated: number; skipped: number }>(results[countsAt]);
  return { updated: Number(counted?.updated ?? 0), skipped: Number(counted?.skipped ?? 0) };
}

/**
 * The next request of every affected session is refused by the database check already; the
 * live hubs (of the changed accounts and every sub-user below them) are told after the answer.
 */
function tellScreens(
  ctx: ServiceContext,
  live: string[],
  liveChanged: string[],
  value: number | null,
) {
  ctx.defer(
    (async () => {
      if (value !== null && value <= Date.now()) {
        await endSessionsOf(ctx.env, live, 'account_expired');
        return;
      }
      await recheckAccounts(ctx.env, live);
      await broadcastTo(ctx.env, liveChanged, { type: 'expiry_changed' });
    })(),
  );
}
