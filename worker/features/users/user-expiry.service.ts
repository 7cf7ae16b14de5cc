import { type SQL, sql } from 'drizzle-orm';
import type { ExpiryUpdateInput } from '../../../schemas/users';
import { accountBelowActor, accountsNotBelow, idList } from '../../authority/act-on-account';
import { assertHolds } from '../../authority/actor';
import { assertExpiryWithin } from '../../authority/ceilings';
import {
  assertExpiryWithinParent,
  parentBounds,
  setExpiryInOrder,
} from '../../authority/chain-order';
import type { ServiceContext } from '../../authority/service-context';
import {
  broadcastTo,
  endSessionsOf,
  recheckAccounts,
} from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { descendantsOfMany } from './users.repo';
import { iso, parseExpiry } from './users.service';

/** Thrown to roll a dry run back after it counted what it would change. */
class DryRun extends Error {
  constructor(readonly updated: string[]) {
    super('dry run');
  }
}

/** Every account of the company at `path` (and, optionally, of its subsidiaries). */
function companyAccounts(companyId: string, path: string, includeSubsidiaries: boolean): SQL {
  return includeSubsidiaries
    ? sql`SELECT u.id FROM users u JOIN companies c ON c.id = u.company_id
        WHERE c.path >= ${path} AND c.path < ${`${path}~`}`
    : sql`SELECT id FROM users WHERE company_id = ${companyId}`;
}

/**
 * Sets one account's expiry, or every account of its company (optionally with subsidiaries)
 * that lies entirely below the actor — the others (the actor, its ancestors, stronger
 * accounts) are skipped and counted. Each account gets the date or its parent's, if earlier,
 * and sub-users are carried down, all in one statement. `dryRun` runs the same statement in a
 * transaction it rolls back, so the count is exact.
 */
export async function updateExpiry(
  ctx: ServiceContext,
  id: string,
  input: ExpiryUpdateInput,
  dryRun: boolean,
) {
  const { db, actor } = ctx;
  if (input.applyToCompany) assertHolds(actor, 'function.users.expiry.sync', 'applyToCompany');
  const target = await accountBelowActor(db, actor, id);
  const value = parseExpiry(input.expiresAt);
  assertExpiryWithin(actor, value);
  let targets = idList([id]);
  let skipped = 0;
  if (input.applyToCompany) {
    const all = companyAccounts(
      target.companyId,
      target.companyPath,
      Boolean(input.includeSubsidiaries),
    );
    const refused = await accountsNotBelow(db, actor, all);
    skipped = refused.length;
    targets = sql`${all} EXCEPT ${idList(refused.map((r) => r.id))}`;
  } else if (target.parentUserId) {
    assertExpiryWithinParent((await parentBounds(db, target.parentUserId))?.expiresAt, value);
  }
  const now = Date.now();
  let updatedIds: string[];
  try {
    updatedIds = await db.transaction(async (tx) => {
      const changed = await setExpiryInOrder(tx, targets, value, now);
      if (dryRun) throw new DryRun(changed);
      ctx.fault('users.expiry.midway');
      await auditInsert(tx, actor, {
        action: 'user.expiry',
        targetType: 'user',
        targetId: id,
        companyPath: target.companyPath,
        summary: `Set the expiration date of ${changed.length} account${changed.length === 1 ? '' : 's'} to ${value === null ? 'never' : new Date(value).toISOString()}${input.applyToCompany ? ` (${input.includeSubsidiaries ? 'company and subsidiaries' : 'whole company'}${skipped ? `, ${skipped} skipped` : ''})` : ''}`,
        before: { expiresAt: iso(target.expiresAt) },
        after: {
          expiresAt: value === null ? null : new Date(value).toISOString(),
          applyToCompany: input.applyToCompany,
          includeSubsidiaries: input.includeSubsidiaries,
          userIds: changed,
          skipped,
        },
      });
      return changed;
    });
  } catch (error) {
    if (error instanceof DryRun) return { updated: error.updated.length, skipped };
    throw error;
  }
  tellScreens(ctx, updatedIds, value);
  return { updated: updatedIds.length, skipped };
}

/**
 * The next request of every affected session is refused by the database check already; the
 * hubs are told after the answer so a sync over thousands of accounts answers at once.
 */
function tellScreens(ctx: ServiceContext, updatedIds: string[], value: number | null) {
  ctx.defer(
    (async () => {
      const affected = await descendantsOfMany(ctx.db, updatedIds);
      if (value !== null && value <= Date.now()) {
        await endSessionsOf(ctx.env, affected, 'account_expired');
        return;
      }
      await recheckAccounts(ctx.env, affected);
      await broadcastTo(ctx.env, updatedIds, { type: 'expiry_changed' });
    })(),
  );
}
