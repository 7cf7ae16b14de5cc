import type { KickReason } from '../../../schemas/auth';
import type { SessionView } from '../../../schemas/sessions';
import { ApiError } from '../../lib/errors';
import { userInScope } from '../../lib/scope';
import type { ServiceContext } from '../../lib/service-context';
import { auditInsert } from '../audit/audit.record';
import { hubFor } from '../auth/auth.service';

/**
 * Whose sessions the actor may see or end: its own always; anyone else's in its scope with
 * `function.sessions.view` (list) or `function.sessions.revoke` (end). Others: 404.
 */
async function sessionOwner(ctx: ServiceContext, userId: string, permission: string) {
  if (userId === ctx.actor.id) return null;
  const target = await userInScope(ctx.db, ctx.actor, userId);
  if (!ctx.actor.permissions.has(permission)) {
    throw new ApiError('PERMISSION_REQUIRED', {
      message: `You need the permission “${permission}”.`,
      details: { permission },
    });
  }
  return target;
}

export async function listSessions(
  ctx: ServiceContext,
  userId: string,
  currentSessionId: string,
): Promise<SessionView[]> {
  await sessionOwner(ctx, userId, 'function.sessions.view');
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
  const target = await sessionOwner(ctx, userId, 'function.sessions.revoke');
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
