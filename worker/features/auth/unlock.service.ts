import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { CodeSent, UnlockInput } from '../../../schemas/mfa';
import type { UnlockOutcome } from '../../durable-objects/session-hub';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { verifyPassword } from '../../lib/password';
import type { AuthContext } from '../../middleware/auth';
import { parseChallengeId, type RequestOrigin, startEmailCode } from './email-code.service';

/** What unlocking reads about the account, batched with the session check. */
export const unlockFactorQuery = (db: DrizzleDb, userId: string) =>
  db
    .select({
      passwordHash: users.passwordHash,
      email: users.email,
      appUnlock: users.mfaAppUnlock,
    })
    .from(users)
    .where(eq(users.id, userId));

type UnlockRow = Awaited<ReturnType<typeof unlockFactorQuery>>[number];

/** Lock and unlock are for APP sessions: a WEB session has no lock. */
function assertAppSession(auth: AuthContext): void {
  if (auth.client !== 'app') throw new ApiError('NOT_APP_SESSION');
}

/** The account unlocks with `factor` and nothing else: skipping to another factor gets nothing. */
function assertFactor(
  row: UnlockRow | undefined,
  factor: 'password' | 'email' | 'face',
): UnlockRow {
  if (!row) throw new ApiError('SESSION_ENDED');
  if (row.appUnlock !== factor) {
    throw new ApiError('FACTOR_NOT_ALLOWED', { details: { factor: row.appUnlock } });
  }
  return row;
}

export async function lockSession(env: Bindings, auth: AuthContext): Promise<void> {
  assertAppSession(auth);
  await hubFor(env, auth.userId).lock(auth.sessionId);
}

/** Mails a code that unlocks this APP session; asking again replaces it (cooldown applies). */
export async function sendUnlockCode(
  env: Bindings,
  auth: AuthContext,
  row: UnlockRow | undefined,
  origin: RequestOrigin,
): Promise<CodeSent> {
  assertAppSession(auth);
  // Only a locked session needs a code: an open one cannot spend the account's unlock budget.
  if (!auth.locked) throw new ApiError('SESSION_NOT_LOCKED');
  const { email } = assertFactor(row, 'email');
  if (!email) throw new ApiError('FACTOR_UNAVAILABLE');
  return startEmailCode(
    env,
    auth.userId,
    { purpose: 'app_unlock', email, sessionId: auth.sessionId },
    origin,
  );
}

/**
 * Unlocks with the account's APP unlock factor. Every wrong password or code counts; the fifth
 * ends the session (its screens are told why) and answers SESSION_ENDED.
 */
export async function unlockSession(
  env: Bindings,
  auth: AuthContext,
  row: UnlockRow | undefined,
  input: UnlockInput,
): Promise<void> {
  assertAppSession(auth);
  const hub = hubFor(env, auth.userId);
  let outcome: UnlockOutcome;
  if ('password' in input) {
    // Face failed too often: the password is the other way in (FACE_RULES.maxFailures).
    const faceLocked = row?.appUnlock === 'face' && (await hub.faceStanding()).locked;
    const { passwordHash } = assertFactor(row, faceLocked ? 'face' : 'password');
    // Checks under way that could already end the session: no more hashing for this one.
    if (!(await hub.reserveUnlock(auth.sessionId))) throw new ApiError('RATE_LIMITED');
    const verdict = await verifyPassword(input.password, passwordHash, env.PASSWORD_PEPPER);
    outcome = await hub.unlockByPassword(auth.sessionId, verdict.ok);
  } else {
    assertFactor(row, 'email');
    const { userId, codeId } = await parseChallengeId(env, input.challengeId);
    // A code of another account's attempt is not this session's: nothing to compare.
    outcome =
      userId === auth.userId
        ? await hub.unlockByCode(auth.sessionId, codeId, input.code)
        : { outcome: 'challenge_ended' };
  }
  switch (outcome.outcome) {
    case 'unlocked':
      return;
    case 'ended':
      throw new ApiError('SESSION_ENDED', { message: 'Too many failed attempts. Sign in again.' });
    case 'challenge_ended':
      throw new ApiError('CHALLENGE_ENDED', {
        message: 'This code has ended. Ask for a new one.',
        field: 'code',
      });
    case 'rejected':
      throw new ApiError('UNLOCK_REJECTED', {
        field: 'password' in input ? 'password' : 'code',
        details: { attemptsLeft: outcome.attemptsLeft },
      });
  }
}
