import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { TokenConfig } from '../../../schemas/users';
import { ApiError } from '../../lib/errors';
import { userInScope } from '../../lib/scope';
import type { ServiceContext } from '../../lib/service-context';
import { auditInsert } from '../audit/audit.record';
import { hubFor } from '../auth/auth.service';

/**
 * Sets a user's token rules. Nobody sets rules looser than its own: an admin whose tokens
 * expire cannot hand out long-term tokens or longer lifetimes. Switching exclusive login on
 * ends all but the newest live session at once.
 */
export async function updateTokenConfig(ctx: ServiceContext, id: string, input: TokenConfig) {
  const { db, actor } = ctx;
  const target = await userInScope(db, actor, id);
  const own = await db
    .select({ longTerm: users.tokenLongTerm, ttlMinutes: users.tokenTtlMinutes })
    .from(users)
    .where(eq(users.id, actor.id))
    .get();
  if (own && !own.longTerm) {
    if (input.longTerm) {
      throw new ApiError('TOKEN_EXCEEDS_OWN', {
        message: 'You cannot grant long-term tokens: your own tokens expire.',
        field: 'longTerm',
      });
    }
    if (input.ttlMinutes > own.ttlMinutes) {
      throw new ApiError('TOKEN_EXCEEDS_OWN', {
        message: `The expiration time cannot exceed your own (${own.ttlMinutes} minutes).`,
        field: 'ttlMinutes',
        details: { max: own.ttlMinutes },
      });
    }
  }
  const before: TokenConfig = {
    longTerm: target.tokenLongTerm,
    ttlMinutes: target.tokenTtlMinutes,
    exclusiveLogin: target.tokenExclusive,
  };
  await db.batch([
    db
      .update(users)
      .set({
        tokenLongTerm: input.longTerm,
        tokenTtlMinutes: input.ttlMinutes,
        tokenExclusive: input.exclusiveLogin,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id)),
    auditInsert(db, actor, {
      action: 'user.token_config',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Changed the token rules of “${target.username}”`,
      before,
      after: input,
    }),
  ]);
  const ended =
    input.exclusiveLogin && !before.exclusiveLogin
      ? await hubFor(ctx.env, id).keepNewest('signed_in_elsewhere')
      : 0;
  return { tokenConfig: input, endedSessions: ended };
}
