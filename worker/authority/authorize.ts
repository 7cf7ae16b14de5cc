import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import type { PermissionKey } from '../../schemas/permissions';
import { hubFor } from '../durable-objects/session-hub.client';
import type { AppEnv } from '../env';
import type { DrizzleDb } from '../lib/db';
import { ApiError } from '../lib/errors';
import { routedIdAuthentic } from '../lib/routed-ids';
import type { AuthContext, Credentials } from '../middleware/auth';
import { accountRefusal } from './account-standing';
import { type Actor, assertHolds } from './actor';
import { ACTOR_READ_COUNT, actorFromReads, actorReads } from './actor-reads';

/** What `route()` leaves for `authorize`: the claimed token and the route's requirements. */
export interface PendingAuthorization {
  credentials: Credentials;
  allowBeforePasswordChange: boolean;
  permission: PermissionKey | undefined;
  allowWhenLocked: boolean;
}

export interface Authorized<R> {
  actor: Actor;
  auth: AuthContext;
  db: DrizzleDb;
  /** The results of the route's own reads, in order. */
  rows: R;
}

type Reads = readonly BatchItem<'sqlite'>[];

/** How long a verified token may read before its hub answers, and how many are remembered. */
const RECENT_MS = 60_000;
const RECENT_MAX = 10_000;
/** Tokens this isolate saw pass their hub's check, with when that stops counting. */
const recentlyVerified = new Map<string, number>();

const wasRecentlyVerified = (key: string) => (recentlyVerified.get(key) ?? 0) > Date.now();
const forget = (key: string) => recentlyVerified.delete(key);

function remember(key: string): void {
  recentlyVerified.delete(key);
  recentlyVerified.set(key, Date.now() + RECENT_MS);
  // Oldest first (insertion order): drop the excess.
  for (const old of recentlyVerified.keys()) {
    if (recentlyVerified.size <= RECENT_MAX) break;
    recentlyVerified.delete(old);
  }
}

/**
 * Checks the request's session and loads its actor together with the route's own reads: the
 * session in the user's hub and one libSQL batch (actor + reads) at the same time, so an
 * authenticated read costs one round trip. The reads may only depend on the request (ids,
 * the claimed user id), never on the actor: they run before the actor is known, and their
 * results are returned only once the session, the account chain, the initial-password gate
 * and the route's permission have all passed.
 */
export async function authorize<const T extends Reads = []>(
  c: Context<AppEnv>,
  reads?: (db: DrizzleDb, userId: string) => T,
): Promise<Authorized<BatchResponse<T>>> {
  const db = c.var.db;
  const done = c.get('actor');
  if (done) {
    // Already authorized in this request: only the reads remain (a second trip).
    const own = reads ? reads(db, done.id) : ([] as unknown as T);
    const rows = (own.length ? await db.batch(own as never) : []) as BatchResponse<T>;
    return { actor: done, auth: c.var.auth, db, rows };
  }
  const pending = c.get('pending');
  if (!pending) throw new Error('authorize() called on a route that has no session');
  const { token, via } = pending.credentials;
  // A session id this server did not issue (a made-up token) is refused before any hub wakes.
  if (!(await routedIdAuthentic(c.env.PASSWORD_PEPPER, 'session', token.userId, token.sessionId))) {
    throw new ApiError('SESSION_ENDED');
  }
  const hub = hubFor(c.env, token.userId);
  const own = reads ? reads(db, token.userId) : ([] as unknown as T);
  const read = () =>
    db.batch([...actorReads(db, token.userId), ...own] as never) as Promise<unknown[]>;
  const key = `${token.userId}.${token.sessionId}.${token.secret}`;
  const verify = hub.verify(token.sessionId, token.secret);
  // A token this isolate saw pass lately reads alongside the hub's check (one round trip in
  // all). Any other token — forged, ended, first seen — is checked first, so a made-up token
  // for a known user id cannot make the database do a route's work.
  const [session, results] = wasRecentlyVerified(key)
    ? await Promise.all([verify, read()])
    : [await verify, null];
  // A WEB session travels only in its cookie, an APP session only as a bearer token: an APP
  // token planted in a cookie, or a WEB token lifted out of one, is no session at all.
  if (!session || (via === 'cookie') !== (session.client === 'web')) {
    forget(key);
    throw new ApiError('SESSION_ENDED');
  }
  remember(key);
  const rows = results ?? (await read());
  const { chain, actor } = actorFromReads(
    rows.slice(0, ACTOR_READ_COUNT) as unknown as Parameters<typeof actorFromReads>[0],
  );
  const refusal = accountRefusal(chain, Date.now());
  if (refusal || !actor) {
    // The account may no longer be used: its open screens are told, the request refused.
    await hub.endAll(refusal ?? 'account_deleted');
    throw new ApiError('SESSION_ENDED');
  }
  const auth: AuthContext = {
    userId: token.userId,
    sessionId: session.id,
    client: session.client,
    expiresAt: session.expiresAt,
    locked: session.locked,
    chain,
    via,
  };
  c.set('auth', auth);
  c.set('actor', actor);
  // A locked APP session may only unlock or sign out; nothing it asked for is answered.
  if (session.locked && !pending.allowWhenLocked) throw new ApiError('SESSION_LOCKED');
  if (chain[0]?.mustChangePassword && !pending.allowBeforePasswordChange) {
    throw new ApiError('PASSWORD_CHANGE_REQUIRED');
  }
  if (pending.permission) assertHolds(actor, pending.permission);
  return { actor, auth, db, rows: rows.slice(ACTOR_READ_COUNT) as BatchResponse<T> };
}
