import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TokenConfig, TokenConfigInput } from '../../../schemas/users';
import { type AccountBelowRows, accountBelowFrom } from '../../authority/act-on-account';
import { assertHolds } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import type { ServiceContext } from '../../authority/service-context';
import { hubFor } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { guardStillBelow } from './users.guards';

/**
 * Sets a user's token rules, on an account entirely below the actor. Token rules are granted
 * by permission, not bounded by the admin's own session settings: an admin may keep short
 * sessions for itself and still give a fleet phone long-term tokens, when it holds
 * `function.tokens.long_term`. Switching exclusive login on ends all but the newest live
 * session at once.
 */
export async function updateTokenConfig(
  ctx: ServiceContext,
  id: string,
  input: TokenConfigInput,
  rows: AccountBelowRows,
) {
  const { db, actor } = ctx;
  const target = accountBelowFrom(actor, rows);
  if (input.longTerm && !target.tokenLongTerm) {
    assertHolds(actor, 'function.tokens.long_term', 'longTerm');
  }
  const before: TokenConfig = {
    longTerm: target.tokenLongTerm,
    ttlMinutes: target.tokenTtlMinutes,
    exclusiveLogin: target.tokenExclusive,
    appLockMinutes: target.appLockMinutes,
  };
  // Left out, the lock limit stays as it was (an update changes only the fields it names).
  const after: TokenConfig = {
    ...input,
    appLockMinutes: input.appLockMinutes ?? before.appLockMinutes,
  };
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  batch.add(
    db
      .update(users)
      .set({
        tokenLongTerm: input.longTerm,
        tokenTtlMinutes: input.ttlMinutes,
        tokenExclusive: input.exclusiveLogin,
        appLockMinutes: after.appLockMinutes,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id)),
  );
  batch.add(
    auditInsert(db, actor, {
      action: 'user.token_config',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Changed the token rules of “${target.username}”`,
      before,
      after,
    }),
  );
  await batch.commit();
  // The hub keeps the rule too: a sign-in that read it just before this write still obeys it.
  const hub = hubFor(ctx.env, id);
  const ended = await hub.setExclusive(input.exclusiveLogin);
  // Open APP sessions lock by the new limit from their next request on.
  if (after.appLockMinutes !== before.appLockMinutes) {
    await hub.setLockAfter(after.appLockMinutes * 60_000);
  }
  return { tokenConfig: after, endedSessions: ended };
}
