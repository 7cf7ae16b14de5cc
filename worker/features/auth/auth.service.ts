import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { ClientKind } from '../../../schemas/auth';
import type { MeUser } from '../../../schemas/me';
import { toMeUser, updatePasswordHash, userProfileQuery } from '../../authority/account.repo';
import { accountRefusal, earliestExpiry } from '../../authority/account-standing';
import { type ChainRow, chainRowsToLinks, chainSelect } from '../../authority/actor-reads';
import { reserveSignInAttempt } from '../../durable-objects/login-throttle.client';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/password';
import { formatToken } from './session-token';

export interface LoginResult {
  userId: string;
  sessionId: string;
  token: string;
  expiresAt: number | null;
  /** Milliseconds spent verifying the password, for the Server-Timing header. */
  hashMs: number;
  /** Round trips the user's hub made to the database to open the session. */
  dbTrips: number;
  user: MeUser;
}

/**
 * Everything sign-in reads, in one round trip: the account by username (with its hash and
 * token rules), its chain of ancestors, and the profile the answer shows.
 */
async function readSignIn(db: DrizzleDb, username: string) {
  const key = username.toLowerCase();
  const [found, chainRows, profile] = await db.batch([
    db.select().from(users).where(eq(users.usernameKey, key)).limit(1),
    db.all<ChainRow>(chainSelect(sql`username_key = ${key}`)),
    userProfileQuery(db, sql`(SELECT id FROM users WHERE username_key = ${key})`),
  ]);
  return { user: found[0] ?? null, chain: chainRowsToLinks(chainRows), profile: profile[0] };
}

/**
 * Checks the password and opens a session in the user's hub. Unknown user, wrong password,
 * expired and disabled accounts all answer INVALID_CREDENTIALS after the same hashing work.
 */
export async function login(
  env: Bindings,
  db: DrizzleDb,
  input: { username: string; password: string; client: ClientKind },
  meta: { userAgent: string | null; ip: string | null },
): Promise<LoginResult> {
  // The throttle first: a refused guess (a burst, a spray) never reaches the database.
  const attempt = await reserveSignInAttempt(env, { username: input.username, ip: meta.ip });
  const { user, chain, profile } = await readSignIn(db, input.username);
  const hashStarted = performance.now();
  const verdict = await verifyPassword(
    input.password,
    user?.passwordHash ?? DUMMY_HASH,
    env.PASSWORD_PEPPER,
  );
  const hashMs = performance.now() - hashStarted;
  const refusal = user && verdict.ok ? accountRefusal(chain, Date.now()) : null;
  if (!user || !profile || !verdict.ok || refusal) {
    await attempt.settle(false);
    throw new ApiError('INVALID_CREDENTIALS');
  }
  await attempt.settle(true);
  if (verdict.needsRehash) {
    await updatePasswordHash(db, user.id, await hashPassword(input.password, env.PASSWORD_PEPPER));
  }
  const opened = await hubFor(env, user.id).open({
    userId: user.id,
    accountExpiresAt: earliestExpiry(chain),
    client: input.client,
    userAgent: meta.userAgent,
    ip: meta.ip,
    ttlMs: user.tokenLongTerm ? null : user.tokenTtlMinutes * 60_000,
    exclusive: user.tokenExclusive,
    lockAfterMs: user.appLockMinutes * 60_000,
  });
  return {
    userId: user.id,
    sessionId: opened.sessionId,
    token: formatToken(user.id, opened.sessionId, opened.secret),
    expiresAt: opened.expiresAt,
    hashMs,
    dbTrips: opened.dbTrips,
    user: toMeUser(profile),
  };
}
