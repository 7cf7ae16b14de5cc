import { eq } from 'drizzle-orm';
import { companies, users } from '../../../db/schema';
import type { KickReason } from '../../../schemas/auth';
import type { SessionView } from '../../../schemas/sessions';
import { idList } from '../../authority/act-on-account';
import { type Actor, assertHolds } from '../../authority/actor';
import { actorWriteBatch, guardBelowActor } from '../../authority/batch-guards';
import { pathInScope } from '../../authority/scope';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';

/**
 * Sessions live in each user's hub, not in libSQL: a route reads the target account with the
 * actor (one round trip), then talks to the hub; ending another account's sessions adds one
 * batch that re-checks the rule for acting on another account and writes the audit entry.
 */

/** The account whose sessions a request names, with its company's path for the scope. */
export const sessionOwnerQuery = (db: DrizzleDb, userId: string) =>
  db
    .select({ id: users.id, username: users.username, companyPath: companies.path })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId));

export type SessionOwner = Awaited<ReturnType<typeof sessionOwnerQuery>>[number];

/**
 * Whose sessions the actor may see or end: its own always (null); another account's only in
 * its scope (else 404) with `function.sessions.view` to list, `function.sessions.revoke` to
 * end — and to end them, the account entirely below the actor (checked in the write batch).
 */
function otherOwner(
  actor: Actor,
  userId: string,
  row: SessionOwner | undefined,
  action: 'view' | 'revoke',
): SessionOwner | null {
  if (userId === actor.id) return null;
  if (!row || !pathInScope(actor, row.companyPath)) {
    throw new ApiError('NOT_FOUND', { message: 'No such user.' });
  }
  assertHolds(actor, action === 'view' ? 'function.sessions.view' : 'function.sessions.revoke');
  return row;
}

export async function listSessions(
  env: Bindings,
  actor: Actor,
  userId: string,
  row: SessionOwner | undefined,
  currentSessionId: string,
): Promise<SessionView[]> {
  otherOwner(actor, userId, row, 'view');
  const sessions = await hubFor(env, userId).list();
  const iso = (ms: number) => new Date(ms).toISOString();
  return sessions.map((s) => ({
    id: `${userId}.${s.id}`,
    client: s.client,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: iso(s.createdAt),
    lastSeenAt: iso(s.lastSeenAt),
    expiresAt: s.expiresAt === null ? null : iso(s.expiresAt),
    current: userId === actor.id && s.id === currentSessionId,
  }));
}

/**
 * Ends one session (`sessionId`) or all of a user's; their screens are told why. For another
 * account, the rule is checked and the entry audited in one batch before the hub acts (the
 * rule needs the actor, so it cannot ride in the actor's own read).
 */
export async function endSessions(
  env: Bindings,
  db: DrizzleDb,
  actor: Actor,
  request: { userId: string; sessionId: string | null },
  row: SessionOwner | undefined,
) {
  const { userId, sessionId } = request;
  const target = otherOwner(actor, userId, row, 'revoke');
  const hub = hubFor(env, userId);
  if (target) {
    // Listed only once the actor may end them; the entry counts what the hub holds.
    const sessions = await hub.list();
    const count = sessionId === null ? sessions.length : 1;
    if (sessionId !== null && !sessions.some((s) => s.id === sessionId)) throw noSuchSession();
    const batch = guardBelowActor(actorWriteBatch(db, actor), db, actor, idList([userId]));
    batch.add(
      auditInsert(db, actor, {
        action: 'session.revoke',
        targetType: 'user',
        targetId: userId,
        companyPath: target.companyPath,
        summary: `Ended ${sessionId === null ? `all ${count}` : 'one'} live session${count === 1 ? '' : 's'} of “${target.username}”`,
        before: { sessions: count },
      }),
    );
    await batch.commit();
  }
  const reason: KickReason = target ? 'revoked' : 'ended_elsewhere';
  const ended =
    sessionId === null ? await hub.endAll(reason) : (await hub.end(sessionId, reason)) ? 1 : 0;
  if (sessionId !== null && ended === 0) throw noSuchSession();
  return { ended };
}

const noSuchSession = () => new ApiError('NOT_FOUND', { message: 'No such session.' });
