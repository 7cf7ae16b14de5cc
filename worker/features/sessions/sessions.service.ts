import type { KickReason } from '../../../schemas/auth';
import type { SessionView } from '../../../schemas/sessions';
import { accountBelowActor } from '../../authority/act-on-account';
import { assertHolds } from '../../authority/actor';
import { userInScope } from '../../authority/scope';
import type { ServiceContext } from '../../authority/service-context';
import { hubFor } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { ApiError } from '../../lib/errors';

/**
 * Whose sessions the actor may see or end: its own always; to list another account's it
 * needs that account in its scope and `function.sessions.view`; to end them, the account
 * entirely below it and `function.sessions.revoke`. Outside the scope: 404.
 */
async function sessionOwner(ctx: ServiceContext, userId: string, action: 'view' | 'revoke') {
  if (userId === ctx.actor.id) return null;
  if (action === 'view') {
    const target = await userInScope(ctx.db, ctx.actor, userId);
    assertHolds(ctx.actor, 'function.sessions.view');
    return target;
  }
  await userInScope(ctx.db, ctx.actor, userId);
  assertHolds(ctx.actor, 'function.sessions.revoke');
  return accountBelowActor(ctx.db, ctx.actor, userId);
}

export async function listSessions(
  ctx: ServiceContext,
  userId: string,
  currentSessionId: string,
): Promise<SessionView[]> {
  await sessionOwner(ctx, userId, 'view');
  const sessions = await hubFor(ctx.env, userId).list();
  const iso = (ms: number) => new Date(ms).toISOString();
  return sessions.map((s) => ({
    id: `${userId}.${s.id}`,
    client: s.client,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
    expiresAt: s.expiresAt === null ? null : iso(s.expiresAt),
    current: userId === ctx.actor.id && s.id === currentSessionId,
  }));
}

/** Ends one session (`sessionId`) or all of a user's; their screens are told why. */
export async function endSessions(ctx: ServiceContext, userId: string, sessionId: string | null) {
  const target = await sessionOwner(ctx, userId, 'revoke');
  const reason: KickReason = target ? 'revoked' : 'ended_elsewhere';
  const hub = hubFor(ctx.env, userId);
  const ended =
    sessionId === null ? await hub.endAll(reason) : (await hub.end(sessionId, reason)) ? 1 : 0;
  if (sessionId !== null && ended === 0)
    throw new ApiError('NOT_FOUND', { message: 'No such session.' });
  if (target) {
    await auditInsert(ctx.db, ctx.actor, {
      action: 'session.revoke',
      targetType: 'user',
      targetId: userId,
      companyPath: target.companyPath,
      summary: `Ended ${sessionId === null ? `all ${ended}` : 'one'} live session${ended === 1 ? '' : 's'} of “${target.username}”`,
      before: { sessions: ended },
    });
  }
  return { ended };
}
