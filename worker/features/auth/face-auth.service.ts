import type { FaceNonce, FaceRequired } from '../../../schemas/face';
import { accountRefusal } from '../../authority/account-standing';
import type { PendingLogin } from '../../durable-objects/email-codes';
import type { FacePurpose, FaceSettlement } from '../../durable-objects/face-attempts';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { signInFailedEvent } from '../../lib/account-audit';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { type FaceTemplateRow, openTemplate } from '../../lib/face/face-templates';
import { type FramesVerdict, judgeFrames } from '../../lib/face/judge-frames';
import type { AuthContext } from '../../middleware/auth';
import {
  type Defer,
  type OpenedLogin,
  openSession,
  readSignIn,
  recordFailure,
} from './auth.service';
import { challengeIdFor, credentialStamp, parseChallengeId } from './email-code.service';

/**
 * Face login and unlock (invariant 7): the browser checks landmarks and runs the head-turn
 * challenge, but decides nothing. The Worker hands out a single-use nonce with the turn to
 * perform, uses the nonce up before looking at any frame, finds and compares the face in every
 * frame itself (judgeFrames), and counts failures in the user's hub: FACE_RULES.maxFailures in a
 * row and face is refused until the face is enrolled again — the user uses another factor.
 */

/** A login whose password passed now waits for the face; null when face is locked. */
export async function startFaceLogin(
  env: Bindings,
  userId: string,
  login: PendingLogin,
): Promise<FaceRequired | null> {
  const started = await hubFor(env, userId).startFaceLogin(login);
  if ('refused' in started) return null;
  return {
    status: 'mfa_required',
    method: 'face',
    challengeId: await challengeIdFor(env, userId, started.id),
    expiresAt: new Date(started.expiresAt).toISOString(),
  };
}

function nonceAnswer(
  issued: Awaited<ReturnType<ReturnType<typeof hubFor>['issueFaceNonce']>>,
): FaceNonce {
  if ('refused' in issued) throw new ApiError(issued.refused);
  return {
    nonce: issued.nonce,
    turn: issued.turn,
    expiresAt: new Date(issued.expiresAt).toISOString(),
  };
}

/** A nonce for one face verification of a pending login. */
export async function startFaceLoginCheck(
  env: Bindings,
  input: { challengeId: string },
): Promise<FaceNonce> {
  const { userId, codeId } = await parseChallengeId(env, input.challengeId);
  return nonceAnswer(await hubFor(env, userId).issueFaceNonce('login', codeId));
}

/**
 * Judges the frames of a reserved verification. Whatever happens, the reservation is settled:
 * a verdict counts, a failure to judge (the verifier down) releases it.
 */
async function judgeReserved(
  env: Bindings,
  hub: ReturnType<typeof hubFor>,
  reservation: { purpose: FacePurpose; target: string; turn: 'left' | 'right' },
  template: number[] | null,
  frames: File[],
): Promise<FramesVerdict> {
  if (!template) {
    await hub.releaseFace(reservation.purpose, reservation.target);
    throw new ApiError('FACTOR_UNAVAILABLE');
  }
  try {
    const bytes = await Promise.all(frames.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    return await judgeFrames(env, bytes, template, reservation.turn);
  } catch (error) {
    await hub.releaseFace(reservation.purpose, reservation.target);
    throw error;
  }
}

function mismatchError(settled: FaceSettlement, verdict: FramesVerdict): ApiError {
  const failuresLeft = settled.match ? 0 : settled.failuresLeft;
  const details = { reasons: verdict.reasons, failuresLeft };
  if (failuresLeft === 0) return new ApiError('FACE_LOCKED', { details });
  return new ApiError('FACE_MISMATCH', { field: 'frame', details });
}

function reservationError(refused: string): ApiError {
  if (refused === 'FACE_LOCKED') return new ApiError('FACE_LOCKED');
  if (refused === 'CHALLENGE_ENDED') return new ApiError('CHALLENGE_ENDED');
  return new ApiError('FACE_NONCE_INVALID', { field: 'nonce' });
}

/** Finishes a login with its face: the session, once, on a match. */
export async function verifyFaceLogin(
  env: Bindings,
  db: DrizzleDb,
  input: { challengeId: string; nonce: string; frame: File[] },
  defer: Defer,
): Promise<OpenedLogin> {
  const { userId, codeId } = await parseChallengeId(env, input.challengeId);
  const hub = hubFor(env, userId);
  const reserved = await hub.reserveFace(input.nonce, 'login', codeId);
  if (!reserved.ok) throw reservationError(reserved.refused);
  const signIn = await readSignIn(db, { userId }).catch(async (error) => {
    await hub.releaseFace('login', codeId);
    throw error;
  });
  const template = await openTemplate(env, userId, signIn.face);
  const verdict = await judgeReserved(
    env,
    hub,
    { purpose: 'login', target: codeId, turn: reserved.turn },
    template,
    input.frame,
  );
  const settled = await hub.settleFaceLogin(codeId, verdict.match);
  if (!settled.match) {
    // One entry per judged attempt: at most five before face is refused for the account. Face
    // is a factor of the APP sign-in only.
    recordFailure(db, defer, userId, signInFailedEvent('app', 'face', 'face_refused', null));
    throw mismatchError(settled, verdict);
  }
  const { user, chain, profile } = signIn;
  if (!settled.login) throw new ApiError('CHALLENGE_ENDED');
  if (!user || !profile || accountRefusal(chain, Date.now())) {
    throw new ApiError('INVALID_CREDENTIALS');
  }
  // The account changed since the password passed (new password, address, disabled …).
  if ((await credentialStamp(user)) !== settled.login.stamp) throw new ApiError('CHALLENGE_ENDED');
  const client = settled.login.client;
  return openSession(env, user, chain, profile, { client, factor: 'face' }, settled.login);
}

/** Face unlock is for a locked APP session whose account unlocks by face. */
function assertFaceUnlock(auth: AuthContext, appUnlock: string | undefined): void {
  if (auth.client !== 'app') throw new ApiError('NOT_APP_SESSION');
  if (appUnlock === undefined) throw new ApiError('SESSION_ENDED');
  if (appUnlock !== 'face')
    throw new ApiError('FACTOR_NOT_ALLOWED', { details: { factor: appUnlock } });
}

/** A nonce for one face verification that would unlock this APP session. */
export async function startFaceUnlock(
  env: Bindings,
  auth: AuthContext,
  appUnlock: string | undefined,
): Promise<FaceNonce> {
  assertFaceUnlock(auth, appUnlock);
  return nonceAnswer(await hubFor(env, auth.userId).issueFaceNonce('unlock', auth.sessionId));
}

/**
 * Unlocks this APP session by face. A mismatch counts against the face and against the
 * session: the fifth failure of either ends face (and the session's fifth ends the session).
 */
export async function unlockByFace(
  env: Bindings,
  auth: AuthContext,
  appUnlock: string | undefined,
  templateRow: FaceTemplateRow | undefined,
  input: { nonce: string; frame: File[] },
): Promise<void> {
  assertFaceUnlock(auth, appUnlock);
  const hub = hubFor(env, auth.userId);
  const reserved = await hub.reserveFace(input.nonce, 'unlock', auth.sessionId);
  if (!reserved.ok) throw reservationError(reserved.refused);
  const template = await openTemplate(env, auth.userId, templateRow);
  const verdict = await judgeReserved(
    env,
    hub,
    { purpose: 'unlock', target: auth.sessionId, turn: reserved.turn },
    template,
    input.frame,
  );
  const { face, unlock } = await hub.settleFaceUnlock(auth.sessionId, verdict.match);
  if (unlock.outcome === 'unlocked') return;
  if (unlock.outcome === 'ended') {
    throw new ApiError('SESSION_ENDED', { message: 'Too many failed attempts. Sign in again.' });
  }
  throw mismatchError(face, verdict);
}
