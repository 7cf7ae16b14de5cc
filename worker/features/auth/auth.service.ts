import { eq, type SQL, sql } from 'drizzle-orm';
import { faceTemplates, users } from '../../../db/schema';
import type { SignInFactor } from '../../../schemas/audit';
import type { ClientKind } from '../../../schemas/auth';
import type { FaceRequired } from '../../../schemas/face';
import type { MeUser } from '../../../schemas/me';
import type { MfaRequired } from '../../../schemas/mfa';
import { toMeUser, updatePasswordHash, userProfileQuery } from '../../authority/account.repo';
import { accountRefusal, type ChainLink, earliestExpiry } from '../../authority/account-standing';
import { type ChainRow, chainRowsToLinks, chainSelect } from '../../authority/actor-reads';
import { reserveSignInAttempt } from '../../durable-objects/login-throttle.client';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { type AccountEvent, accountEventInsert, signInFailedEvent } from '../../lib/account-audit';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/password';
import {
  credentialStamp,
  deliverCode,
  parseChallengeId,
  type RequestOrigin,
  refusalError,
  startEmailCode,
} from './email-code.service';
import { startFaceLogin } from './face-auth.service';
import { formatToken } from './session-token';

/** A session opened: what the login answer and the cookie are made of. */
export interface OpenedLogin {
  status: 'ok';
  client: ClientKind;
  userId: string;
  sessionId: string;
  token: string;
  expiresAt: number | null;
  /** Round trips the user's hub made to the database to open the session. */
  dbTrips: number;
  user: MeUser;
}

/** A password login: a session, or the second factor it still needs (no session yet). */
export type LoginOutcome = (OpenedLogin | MfaRequired | FaceRequired) & {
  /** Milliseconds spent verifying the password, for the Server-Timing header. */
  hashMs: number;
};

type UserRow = typeof users.$inferSelect;

/**
 * Everything sign-in reads, in one round trip: the account (with its hash, token rules and
 * factors), its chain of ancestors, and the profile the answer shows.
 */
export async function readSignIn(db: DrizzleDb, by: { usernameKey: string } | { userId: string }) {
  const [match, chainMatch, profileId]: [SQL, SQL, SQL | string] =
    'userId' in by
      ? [eq(users.id, by.userId), sql`id = ${by.userId}`, by.userId]
      : [
          eq(users.usernameKey, by.usernameKey),
          sql`username_key = ${by.usernameKey}`,
          sql`(SELECT id FROM users WHERE username_key = ${by.usernameKey})`,
        ];
  const [found, chainRows, profile, face] = await db.batch([
    db.select().from(users).where(match).limit(1),
    db.all<ChainRow>(chainSelect(chainMatch)),
    userProfileQuery(db, profileId),
    db
      .select({ template: faceTemplates.template, model: faceTemplates.model })
      .from(faceTemplates)
      .where(eq(faceTemplates.userId, profileId))
      .limit(1),
  ]);
  return {
    user: found[0] ?? null,
    chain: chainRowsToLinks(chainRows),
    profile: profile[0],
    face: face[0],
  };
}

/** Opens the session a finished login earned, in the user's hub. */
export async function openSession(
  env: Bindings,
  user: UserRow,
  chain: ChainLink[],
  profile: Parameters<typeof toMeUser>[0],
  login: { client: ClientKind; factor: SignInFactor },
  origin: RequestOrigin,
): Promise<OpenedLogin> {
  const { client, factor } = login;
  const opened = await hubFor(env, user.id).open({
    userId: user.id,
    accountExpiresAt: earliestExpiry(chain),
    client,
    userAgent: origin.userAgent,
    ip: origin.ip,
    ttlMs: user.tokenLongTerm ? null : user.tokenTtlMinutes * 60_000,
    exclusive: user.tokenExclusive,
    lockAfterMs: user.appLockMinutes * 60_000,
    factor,
  });
  return {
    status: 'ok',
    client,
    userId: user.id,
    sessionId: opened.sessionId,
    token: formatToken(user.id, opened.sessionId, opened.secret),
    expiresAt: opened.expiresAt,
    dbTrips: opened.dbTrips,
    user: toMeUser(profile),
  };
}

/**
 * Checks the password; then opens a session, or — when the account's factor for this client is
 * an email code — mails a code and answers `mfa_required` without any session. Unknown user,
 * wrong password, expired and disabled accounts all answer INVALID_CREDENTIALS after the same
 * hashing work.
 */
export async function login(
  env: Bindings,
  db: DrizzleDb,
  input: { username: string; password: string; client: ClientKind },
  origin: RequestOrigin,
  defer: Defer,
): Promise<LoginOutcome> {
  // The throttle first: a refused guess (a burst, a spray) never reaches the database.
  const attempt = await reserveSignInAttempt(env, { username: input.username, ip: origin.ip });
  const { user, chain, profile, face } = await readSignIn(db, {
    usernameKey: input.username.toLowerCase(),
  });
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
    // An existing account's refusal is audited (an unknown name is not: nobody to tell), after
    // the answer, so that it neither slows the refusal nor tells by its timing that the name
    // exists. The throttle above bounds how many a flood can write.
    if (user) {
      const reason = verdict.ok ? 'account_refused' : 'wrong_password';
      recordFailure(
        db,
        defer,
        user.id,
        signInFailedEvent(input.client, 'password', reason, origin.ip),
      );
    }
    throw new ApiError('INVALID_CREDENTIALS');
  }
  await attempt.settle(true);
  let account = user;
  if (verdict.needsRehash) {
    const passwordHash = await hashPassword(input.password, env.PASSWORD_PEPPER);
    // The row as it now stands: a code login's stamp is checked against it at the code.
    account = {
      ...user,
      passwordHash,
      updatedAt: await updatePasswordHash(db, user.id, passwordHash),
    };
  }
  const factor = input.client === 'web' ? user.mfaWebLogin : user.mfaAppLogin;
  if (factor === 'password') {
    const opened = await openSession(
      env,
      user,
      chain,
      profile,
      { client: input.client, factor: 'password' },
      origin,
    );
    return { ...opened, hashMs };
  }
  const login = {
    client: input.client,
    userAgent: origin.userAgent,
    ip: origin.ip,
    stamp: await credentialStamp(account),
  };
  if (factor === 'face') {
    if (!face) throw new ApiError('FACTOR_UNAVAILABLE');
    const started = await startFaceLogin(env, user.id, login);
    if (started) return { ...started, hashMs };
    // Face failed too often: the user must use another factor — the emailed code, if any.
    if (!user.email) throw new ApiError('FACE_LOCKED');
  } else if (factor !== 'email' || !user.email) {
    throw new ApiError('FACTOR_UNAVAILABLE');
  }
  const email = user.email;
  if (!email) throw new ApiError('FACTOR_UNAVAILABLE');
  const purpose = input.client === 'web' ? 'web_login' : 'app_login';
  const sent = await startEmailCode(env, user.id, { purpose, email, login }, origin);
  return { status: 'mfa_required', ...sent, hashMs };
}

/**
 * Finishes a login with its emailed code. The hub uses the code up in one step, so of two
 * submissions of one code only one gets here; the account is read again (it may have been
 * disabled or deleted while the mail travelled) before the session opens.
 */
export async function verifyLoginCode(
  env: Bindings,
  db: DrizzleDb,
  input: { challengeId: string; code: string },
  defer: Defer,
): Promise<OpenedLogin> {
  const { userId, codeId } = await parseChallengeId(env, input.challengeId);
  const checked = await hubFor(env, userId).checkLoginCode(codeId, input.code);
  if (!checked.ok) {
    if (checked.reason === 'CHALLENGE_ENDED') throw new ApiError('CHALLENGE_ENDED');
    if (checked.reason === 'CODE_GUESS_LIMIT')
      throw refusalError({ refused: checked.reason, retryAfterMs: checked.retryAfterMs });
    // At most one entry per wrong code, and an attempt dies after five of them.
    const client = checked.purpose === 'web_login' ? 'web' : 'app';
    recordFailure(db, defer, userId, signInFailedEvent(client, 'email', 'wrong_code', null));
    throw new ApiError('CODE_INVALID', {
      field: 'code',
      details: { attemptsLeft: checked.attemptsLeft },
    });
  }
  const login = checked.login;
  const { user, chain, profile } = await readSignIn(db, { userId });
  if (!login || !user || !profile || accountRefusal(chain, Date.now())) {
    throw new ApiError('INVALID_CREDENTIALS');
  }
  // The account changed since this attempt began: a new password or address, disabled and
  // enabled again, a new expiry — any of them may be the owner shutting an intruder out.
  if ((await credentialStamp(user)) !== login.stamp) throw new ApiError('CHALLENGE_ENDED');
  return openSession(env, user, chain, profile, { client: login.client, factor: 'email' }, login);
}

/** Work a request keeps alive after its answer (`executionCtx.waitUntil`). */
export type Defer = (work: Promise<unknown>) => void;

/**
 * Writes a failed sign-in's audit entry after the answer. The entry is for the admins; a
 * database hiccup losing one must not turn the refusal into an error.
 */
export function recordFailure(db: DrizzleDb, defer: Defer, userId: string, event: AccountEvent) {
  defer(db.run(accountEventInsert(userId, event)).catch(() => {}));
}

/** A new code for a pending login; the old one stops working. */
export async function resendLoginCode(
  env: Bindings,
  input: { challengeId: string },
  origin: RequestOrigin,
) {
  const { userId, codeId } = await parseChallengeId(env, input.challengeId);
  const hub = hubFor(env, userId);
  return deliverCode(env, hub, userId, await hub.resendLoginCode(codeId), origin);
}
