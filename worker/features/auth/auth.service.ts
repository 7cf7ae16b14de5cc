import type { ClientKind, KickReason } from '../../../schemas/auth';
import {
  type ChainLink,
  findUserByUsername,
  loadAccountChain,
  updatePasswordHash,
} from '../../authority/account.repo';
import { accountRefusal, earliestExpiry } from '../../authority/account-standing';
import { reserveSignInAttempt } from '../../durable-objects/login-throttle.client';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/password';
import { formatToken, type ParsedToken } from './session-token';

export interface LoginResult {
  userId: string;
  sessionId: string;
  token: string;
  expiresAt: number | null;
  /** Milliseconds spent verifying the password, for the Server-Timing header. */
  hashMs: number;
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
  const attempt = await reserveSignInAttempt(env, { username: input.username, ip: meta.ip });
  const user = await findUserByUsername(db, input.username);
  const hashStarted = performance.now();
  const verdict = await verifyPassword(
    input.password,
    user?.passwordHash ?? DUMMY_HASH,
    env.PASSWORD_PEPPER,
  );
  const hashMs = performance.now() - hashStarted;
  // Always the same queries, whatever failed, so timing does not tell the cases apart.
  const chain = await loadAccountChain(db, user?.id ?? 'us_nobody');
  const refusal = user && verdict.ok ? accountRefusal(chain, Date.now()) : null;
  if (!user || !verdict.ok || refusal) {
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
  });
  return {
    userId: user.id,
    sessionId: opened.sessionId,
    token: formatToken(user.id, opened.sessionId, opened.secret),
    expiresAt: opened.expiresAt,
    hashMs,
  };
}

export interface AuthenticatedSession {
  userId: string;
  sessionId: string;
  client: ClientKind;
  expiresAt: number | null;
  /** The user and its ancestors, nearest first, as checked for this request. */
  chain: ChainLink[];
}

/**
 * Resolves a token to its live session, or throws SESSION_ENDED. The account and its
 * ancestors are re-checked on every request: the server is the authority, the socket only
 * tells. A refused account has all its sessions ended so its open screens are told.
 */
export async function authenticate(
  env: Bindings,
  db: DrizzleDb,
  token: ParsedToken,
): Promise<AuthenticatedSession> {
  const hub = hubFor(env, token.userId);
  const [session, chain] = await Promise.all([
    hub.verify(token.sessionId, token.secret),
    loadAccountChain(db, token.userId),
  ]);
  if (!session) throw new ApiError('SESSION_ENDED');
  const refusal: KickReason | null = accountRefusal(chain, Date.now());
  if (refusal) {
    await hub.endAll(refusal);
    throw new ApiError('SESSION_ENDED');
  }
  return {
    userId: token.userId,
    sessionId: session.id,
    client: session.client,
    expiresAt: session.expiresAt,
    chain,
  };
}
