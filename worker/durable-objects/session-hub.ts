import { DurableObject } from 'cloudflare:workers';
import { type SQL, sql } from 'drizzle-orm';
import type { SignInFactor } from '../../schemas/audit';
import type { ClientKind, KickReason, LiveMessage } from '../../schemas/auth';
import { lockGraceMs, MAX_UNLOCK_FAILURES } from '../../schemas/mfa-rules';
import { loadAccountChain } from '../authority/account.repo';
import { accountRefusal, earliestExpiry } from '../authority/account-standing';
import type { Bindings } from '../env';
import { accountEventInsert, evictedEvent, signInEvent } from '../lib/account-audit';
import { createDb } from '../lib/db';
import { constantTimeEqual, randomBytes, sha256Base64Url, toBase64Url } from '../lib/encoding';
import { newRoutedId } from '../lib/routed-ids';
import { EmailCodes, type PendingLogin } from './email-codes';
import {
  FaceAttempts,
  type FacePurpose,
  type FaceReservation,
  type FaceSettlement,
  type NonceIssue,
} from './face-attempts';
import { addMissingColumns } from './storage-columns';

/** A live session as the hub stores it. Only a hash of the secret is kept. */
export interface HubSession {
  id: string;
  client: ClientKind;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number | null;
  /** An APP session that sat idle or hidden past its limit, until it is unlocked. */
  locked: boolean;
}

export interface OpenSessionInput {
  /** The user this hub belongs to (its name), kept so the hub can re-check the account. */
  userId: string;
  client: ClientKind;
  userAgent: string | null;
  ip: string | null;
  /** Lifetime in ms; null for long-term tokens. */
  ttlMs: number | null;
  exclusive: boolean;
  /** When the account (or an ancestor) expires; the hub wakes then to end every session. */
  accountExpiresAt: number | null;
  /** APP sessions lock after this long without a request (the account's token rule). */
  lockAfterMs: number;
  /** The factor that finished the sign-in, for the audit entry the hub writes. */
  factor: SignInFactor;
}

export interface OpenedSession {
  sessionId: string;
  secret: string;
  expiresAt: number | null;
  /** Sessions that ended because this one is exclusive. */
  ended: number;
  /** Round trips to the database the hub made for this session (the live index). */
  dbTrips: number;
}

const LAST_SEEN_RESOLUTION_MS = 60_000;
/**
 * After every session of an account is ended at once, its live-index row is cleared within
 * this long: 2 000 such hubs then write about 70 times a second, not all in one instant.
 */
const INDEX_CLEAR_SPREAD_MS = 30_000;
const TICKET_TTL_MS = 30_000;
const LOGIN_PURPOSES = ['web_login', 'app_login'] as const;
/** Close code for a session ended by the server (4000–4999 are free for applications). */
export const KICK_CLOSE_CODE = 4001;

interface SessionRow extends Record<string, SqlStorageValue> {
  id: string;
  secret_hash: string;
  client: string;
  user_agent: string | null;
  ip: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number | null;
  locked: number;
  last_active_at: number;
  lock_after_ms: number | null;
  unlock_failures: number;
}

/** What an unlock attempt came to. */
export type UnlockOutcome =
  | { outcome: 'unlocked' }
  | { outcome: 'rejected'; attemptsLeft: number }
  | { outcome: 'ended' }
  | { outcome: 'challenge_ended' };

/**
 * One per user (named by the user id). It owns the user's live sessions and their sockets,
 * so "check and set" for exclusive login runs serialised in one place with no outside await
 * between the check and the write.
 *
 * Storage map (SQLite):
 * - `sessions(id, secret_hash, client, user_agent, ip, created_at, last_seen_at, expires_at)`
 *   plus, for APP sessions, the lock: `locked`, `last_active_at`, `lock_after_ms`, `unlock_failures`
 * - `tickets(hash, session_id, expires_at)` — single-use WebSocket tickets for bearer clients
 * - `codes`, `code_sends` — pending email codes (`EmailCodes`)
 * - sockets are tagged with their session id (hibernation API), so a kick finds them.
 * - KV `user_id`, `account_expires_at`; `indexed_live` (what the `live_accounts` row says),
 *   `index_version` (grows with every write of that row).
 *
 * The `live_accounts` row says whether this user has live sessions, so a change to many
 * accounts tells only the hubs that have someone to tell. The hub is its row's only writer.
 * It marks the row live *before* the first session exists (a change racing a sign-in must not
 * miss it) and clears it after the last one ends, lazily, from the alarm: a row that says live
 * a moment too long costs one needless wake-up, one that says idle too early a missed notice.
 */
export class SessionHub extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;
  private readonly codes: EmailCodes;
  private readonly faces: FaceAttempts;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, client TEXT NOT NULL,
      user_agent TEXT, ip TEXT, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
      expires_at INTEGER)`);
    addMissingColumns(this.sql, 'sessions', {
      locked: 'INTEGER NOT NULL DEFAULT 0',
      last_active_at: 'INTEGER NOT NULL DEFAULT 0',
      lock_after_ms: 'INTEGER',
      unlock_failures: 'INTEGER NOT NULL DEFAULT 0',
    });
    this.codes = new EmailCodes(this.sql, env.PASSWORD_PEPPER);
    this.faces = new FaceAttempts(this.sql);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS tickets (
      hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
  }

  /** Creates a session; for an exclusive user every other session ends first, atomically. */
  async open(input: OpenSessionInput): Promise<OpenedSession> {
    const now = Date.now();
    // Carries a MAC: the Worker refuses a made-up token before it wakes any hub.
    const sessionId = await newRoutedId(this.env.PASSWORD_PEPPER, 'session', input.userId);
    const secret = toBase64Url(randomBytes(32));
    const secretHash = await sha256Base64Url(secret);
    await this.ctx.storage.put('user_id', input.userId);
    // The sign-in's audit entry rides with the live-index write when there is one (the first
    // session): a sign-in then costs the hub one round trip, either way.
    const signedIn = accountEventInsert(
      input.userId,
      signInEvent(input.client, input.factor, input.ip),
      now,
    );
    const indexed = await this.markLive([signedIn]);
    // Exclusive as the sign-in read it, or as an admin set it since (`setExclusive`): a sign-in
    // that read the rule just before it was switched on still ends the others. Storage reads
    // hold other calls back, so nothing interleaves from here to the insert.
    const exclusive = input.exclusive || (await this.ctx.storage.get('exclusive')) === true;
    let ended = 0;
    if (exclusive) ended = this.endWhere(null, 'signed_in_elsewhere');
    const expiresAt = input.ttlMs === null ? null : now + input.ttlMs;
    this.sql.exec(
      `INSERT INTO sessions (id, secret_hash, client, user_agent, ip, created_at, last_seen_at,
        expires_at, locked, last_active_at, lock_after_ms, unlock_failures)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0)`,
      sessionId,
      secretHash,
      input.client,
      input.userAgent,
      input.ip,
      now,
      now,
      expiresAt,
      now,
      input.client === 'app' ? input.lockAfterMs : null,
    );
    await this.ctx.storage.put('account_expires_at', input.accountExpiresAt);
    await this.scheduleExpiry();
    // After the session exists: no outside await sits between the exclusive check and the set.
    const entries = [
      ...(indexed ? [] : [signedIn]),
      ...(ended > 0 ? [accountEventInsert(input.userId, evictedEvent(input.client, ended))] : []),
    ];
    if (entries.length > 0) await this.writeAudit(entries);
    return {
      sessionId,
      secret,
      expiresAt,
      ended,
      dbTrips: (indexed ? 1 : 0) + (entries.length > 0 ? 1 : 0),
    };
  }

  /**
   * The session if the secret matches and it has not expired; refreshes last-seen. An APP
   * session idle past its limit locks here — the server, not the screen, decides — and tells its
   * sockets; an unlocked one counts this request as activity.
   */
  async verify(sessionId: string, secret: string): Promise<HubSession | null> {
    const secretHash = await sha256Base64Url(secret);
    const row = this.sql
      .exec<SessionRow>('SELECT * FROM sessions WHERE id = ?', sessionId)
      .toArray()[0];
    if (!row || !constantTimeEqual(row.secret_hash, secretHash)) return null;
    const now = Date.now();
    if (row.expires_at !== null && row.expires_at <= now) {
      this.endWhere(sessionId, 'session_expired');
      return null;
    }
    // A session opened before the live index existed: have the alarm index it.
    if ((await this.ctx.storage.get('indexed_live')) !== true) await this.scheduleExpiry();
    if (row.lock_after_ms !== null && !row.locked) {
      if (now - row.last_active_at >= row.lock_after_ms + lockGraceMs(row.lock_after_ms)) {
        this.lockSession(sessionId);
        row.locked = 1;
      } else {
        this.sql.exec('UPDATE sessions SET last_active_at = ? WHERE id = ?', now, sessionId);
      }
    }
    if (now - row.last_seen_at > LAST_SEEN_RESOLUTION_MS) {
      this.sql.exec('UPDATE sessions SET last_seen_at = ? WHERE id = ?', now, sessionId);
      row.last_seen_at = now;
    }
    return toSession(row);
  }

  list(): HubSession[] {
    return this.sql
      .exec<SessionRow>('SELECT * FROM sessions ORDER BY created_at DESC')
      .toArray()
      .map(toSession);
  }

  /** Ends one session and tells its screens why. Returns whether it existed. */
  end(sessionId: string, reason: KickReason): boolean {
    return this.endWhere(sessionId, reason) > 0;
  }

  /**
   * Ends every session of the user (deletion, expiry, disabling …), and every login still
   * waiting for its code: none of them may finish into a session now.
   */
  endAll(reason: KickReason): number {
    this.codes.forgetLogins();
    this.faces.forgetLogins();
    return this.endWhere(null, reason, INDEX_CLEAR_SPREAD_MS);
  }

  /**
   * Exclusive login switched on or off for this user (after the database says so): kept here so
   * that sign-ins in flight honour it, and on switching on every session but the newest ends.
   */
  async setExclusive(on: boolean): Promise<number> {
    await this.ctx.storage.put('exclusive', on);
    return on ? this.keepNewest('signed_in_elsewhere') : 0;
  }

  /** The account's APP lock limit changed: its open APP sessions use the new one. */
  setLockAfter(ms: number): void {
    this.sql.exec("UPDATE sessions SET lock_after_ms = ? WHERE client = 'app'", ms);
  }

  /** Locks an APP session now (the APP was hidden past its limit). False for a WEB session. */
  lock(sessionId: string): boolean {
    const row = this.sql
      .exec<{ client: string }>('SELECT client FROM sessions WHERE id = ?', sessionId)
      .toArray()[0];
    if (row?.client !== 'app') return false;
    this.lockSession(sessionId);
    return true;
  }

  /**
   * Settles an unlock by password, which the Worker checked against the stored hash: right
   * unlocks, wrong counts, and the fifth failure ends the session (its screens are told).
   */
  unlockByPassword(sessionId: string, passwordOk: boolean): UnlockOutcome {
    this.releaseUnlock(sessionId);
    if (!this.sessionExists(sessionId)) return { outcome: 'ended' };
    return passwordOk ? this.unlockSession(sessionId) : this.countUnlockFailure(sessionId);
  }

  /** Password checks under way per session: each may still become a failure. */
  private readonly unlocksInFlight = new Map<string, number>();

  /**
   * Lets one password check of an unlock go ahead, or not: while the failures so far and the
   * checks under way could already reach the limit, no more hashing is spent on this session
   * (a burst of 200 wrong passwords costs five hashes, not 200). Settled by `unlockByPassword`.
   */
  reserveUnlock(sessionId: string): boolean {
    const row = this.sql
      .exec<{ unlock_failures: number }>(
        'SELECT unlock_failures FROM sessions WHERE id = ?',
        sessionId,
      )
      .toArray()[0];
    if (!row) return false;
    const inFlight = this.unlocksInFlight.get(sessionId) ?? 0;
    if (row.unlock_failures + inFlight >= MAX_UNLOCK_FAILURES) return false;
    this.unlocksInFlight.set(sessionId, inFlight + 1);
    return true;
  }

  private releaseUnlock(sessionId: string): void {
    const inFlight = (this.unlocksInFlight.get(sessionId) ?? 1) - 1;
    if (inFlight > 0) this.unlocksInFlight.set(sessionId, inFlight);
    else this.unlocksInFlight.delete(sessionId);
  }

  /**
   * Unlocks with an emailed code of this session's unlock attempt. A wrong code counts both
   * against the code (5 and it dies) and against the session (5 failures end it).
   */
  async unlockByCode(sessionId: string, codeId: string, code: string): Promise<UnlockOutcome> {
    const checked = await this.codes.check(codeId, code, ['app_unlock'], sessionId);
    if (!this.sessionExists(sessionId)) return { outcome: 'ended' };
    if (checked.ok) return this.unlockSession(sessionId);
    if (checked.reason === 'CHALLENGE_ENDED') return { outcome: 'challenge_ended' };
    return this.countUnlockFailure(sessionId);
  }

  /** A new emailed-code attempt (a login past its password, or an unlock of `sessionId`). */
  issueCode(input: Parameters<EmailCodes['issue']>[0]) {
    return this.codes.issue(input);
  }

  /** A new code for a pending login; the old one stops working. */
  resendLoginCode(codeId: string) {
    return this.codes.resend(codeId, LOGIN_PURPOSES);
  }

  /** Checks a pending login's code; right uses it up, so only one submission can pass. */
  checkLoginCode(codeId: string, code: string) {
    return this.codes.check(codeId, code, LOGIN_PURPOSES);
  }

  /** The mail with this code could not be sent: the attempt (and its send) never happened. */
  withdrawCode(codeId: string): void {
    this.codes.withdraw(codeId);
  }

  /** A login whose password passed waits for the face (`startLogin` of FaceAttempts). */
  startFaceLogin(login: PendingLogin) {
    return this.faces.startLogin(login);
  }

  /**
   * A nonce for one face verification: of a pending login, or of this APP session — which must
   * exist and be locked (an open session has nothing to unlock, and must not spend attempts).
   */
  issueFaceNonce(
    purpose: FacePurpose,
    target: string,
  ): NonceIssue | { refused: 'SESSION_NOT_LOCKED' } {
    if (purpose === 'unlock') {
      const row = this.sql
        .exec<{ locked: number }>('SELECT locked FROM sessions WHERE id = ?', target)
        .toArray()[0];
      if (!row) return { refused: 'CHALLENGE_ENDED' };
      if (row.locked !== 1) return { refused: 'SESSION_NOT_LOCKED' };
    }
    return this.faces.issueNonce(purpose, target);
  }

  /**
   * Uses a face nonce up and lets one verification go ahead. An unlock also holds one of the
   * session's unlock attempts, so face failures end the session like wrong passwords do.
   */
  reserveFace(nonce: string, purpose: FacePurpose, target: string): FaceReservation {
    const reserved = this.faces.reserve(nonce, purpose, target);
    if (!reserved.ok || purpose === 'login') return reserved;
    if (this.reserveUnlock(target)) return reserved;
    // Failures and checks under way could already end the session: no verification now.
    this.faces.release();
    return { ok: false, refused: 'FACE_LOCKED' };
  }

  /** The verifier could not judge: the reservation lapses, counting neither way. */
  releaseFace(purpose: FacePurpose, target: string): void {
    this.faces.release();
    if (purpose === 'unlock') this.releaseUnlock(target);
  }

  /** The verdict of a reserved face login: a match hands over the pending login, once. */
  settleFaceLogin(codeId: string, match: boolean): FaceSettlement {
    return this.faces.settle('login', codeId, match);
  }

  /** The verdict of a reserved face unlock: unlocks, or counts against face and session. */
  settleFaceUnlock(
    sessionId: string,
    match: boolean,
  ): { face: FaceSettlement; unlock: UnlockOutcome } {
    const face = this.faces.settle('unlock', sessionId, match);
    return { face, unlock: this.unlockByPassword(sessionId, match) };
  }

  /** Whether face is refused for now (failed too often), and the failures so far. */
  faceStanding(): { failures: number; locked: boolean } {
    return { failures: this.faces.failures(), locked: this.faces.locked() };
  }

  /** A face was enrolled or removed, or the account signed in another way. */
  clearFaceFailures(): void {
    this.faces.clearFailures();
  }

  /** Ends every session but the newest (exclusive login switched on). */
  keepNewest(reason: KickReason): number {
    const newest = this.sql
      .exec<{ id: string }>('SELECT id FROM sessions ORDER BY created_at DESC, rowid DESC LIMIT 1')
      .toArray()[0];
    if (!newest) return 0;
    const others = this.sql
      .exec<{ id: string }>('SELECT id FROM sessions WHERE id != ?', newest.id)
      .toArray();
    let ended = 0;
    for (const { id } of others) ended += this.endWhere(id, reason);
    return ended;
  }

  /** Pushes a message to every open screen of the user. */
  broadcast(message: LiveMessage): void {
    for (const ws of this.ctx.getWebSockets()) send(ws, message);
  }

  /** A single-use, 30-second ticket that lets a bearer client open `/live`. */
  async issueTicket(userId: string, sessionId: string): Promise<string> {
    const ticket = await newRoutedId(this.env.PASSWORD_PEPPER, 'ticket', userId);
    this.sql.exec(
      'INSERT INTO tickets VALUES (?, ?, ?)',
      await sha256Base64Url(ticket),
      sessionId,
      Date.now() + TICKET_TTL_MS,
    );
    return ticket;
  }

  /** Consumes a ticket; the session id it was issued for, or null. */
  async redeemTicket(ticket: string): Promise<string | null> {
    const hash = await sha256Base64Url(ticket);
    const now = Date.now();
    this.sql.exec('DELETE FROM tickets WHERE expires_at <= ?', now);
    const row = this.sql
      .exec<{ session_id: string }>('DELETE FROM tickets WHERE hash = ? RETURNING session_id', hash)
      .toArray()[0];
    if (!row) return null;
    // A locked session keeps the socket it had, but opens no new one until it is unlocked.
    const live = this.sql
      .exec('SELECT 1 FROM sessions WHERE id = ? AND locked = 0', row.session_id)
      .toArray();
    return live.length > 0 ? row.session_id : null;
  }

  /**
   * WebSocket upgrade for an already authenticated session; the Worker passes the session
   * id in a header after checking the token and the Origin.
   */
  override async fetch(request: Request): Promise<Response> {
    const sessionId = request.headers.get('x-gatehouse-session');
    if (
      !sessionId ||
      this.sql.exec('SELECT 1 FROM sessions WHERE id = ?', sessionId).toArray().length === 0
    ) {
      return new Response('session ended', { status: 401 });
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [sessionId]);
    send(server, { type: 'hello', sessionId });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'ping' || message === '{"type":"ping"}') send(ws, { type: 'pong' });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Complete the closing handshake; 1005/1006 are reserved and cannot be sent back.
    const safeCode = code === 1005 || code === 1006 ? 1000 : code;
    try {
      ws.close(safeCode, reason);
    } catch {
      // already closed
    }
  }

  /**
   * Re-reads the account and its ancestors from the database: ends every session if the account
   * may no longer be used, otherwise wakes again at its (possibly new) expiry. Called when an
   * admin changes an expiry, and by the alarm when the known expiry arrives.
   */
  async recheckAccount(): Promise<KickReason | null> {
    if (this.sql.exec('SELECT 1 FROM sessions LIMIT 1').toArray().length === 0) return null;
    const db = createDb(this.env.LIBSQL_URL, this.env.LIBSQL_AUTH_TOKEN);
    const userId = await this.ctx.storage.get<string>('user_id');
    if (!userId) return null;
    const chain = await loadAccountChain(db, userId);
    const refusal = accountRefusal(chain, Date.now());
    if (refusal) {
      this.endWhere(null, refusal, INDEX_CLEAR_SPREAD_MS);
    } else {
      await this.ctx.storage.put('account_expires_at', earliestExpiry(chain));
    }
    await this.scheduleExpiry();
    return refusal;
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const accountExpiresAt = await this.ctx.storage.get<number | null>('account_expires_at');
    if (accountExpiresAt != null && accountExpiresAt <= now) await this.recheckAccount();
    const expired = this.sql
      .exec<{ id: string }>(
        'SELECT id FROM sessions WHERE expires_at IS NOT NULL AND expires_at <= ?',
        now,
      )
      .toArray();
    for (const { id } of expired) this.endWhere(id, 'session_expired');
    this.sql.exec('DELETE FROM tickets WHERE expires_at <= ?', now);
    this.codes.sweep(now);
    this.faces.sweep(now);
    // A failed write throws: the alarm is retried, so the index catches up after an outage.
    const live = this.sessionCount() > 0;
    if ((await this.ctx.storage.get('indexed_live')) !== live) await this.writeIndex(live);
    await this.scheduleExpiry();
  }

  private sessionExists(sessionId: string): boolean {
    return this.sql.exec('SELECT 1 FROM sessions WHERE id = ?', sessionId).toArray().length > 0;
  }

  private lockSession(sessionId: string): void {
    this.sql.exec(
      "UPDATE sessions SET locked = 1 WHERE id = ? AND client = 'app' AND locked = 0",
      sessionId,
    );
    this.sql.exec('DELETE FROM tickets WHERE session_id = ?', sessionId);
    for (const ws of this.ctx.getWebSockets(sessionId)) send(ws, { type: 'locked' });
  }

  private unlockSession(sessionId: string): UnlockOutcome {
    this.sql.exec(
      'UPDATE sessions SET locked = 0, unlock_failures = 0, last_active_at = ? WHERE id = ?',
      Date.now(),
      sessionId,
    );
    this.codes.forgetSession(sessionId);
    return { outcome: 'unlocked' };
  }

  private countUnlockFailure(sessionId: string): UnlockOutcome {
    const failures =
      this.sql
        .exec<{ unlock_failures: number }>(
          'UPDATE sessions SET unlock_failures = unlock_failures + 1 WHERE id = ? RETURNING unlock_failures',
          sessionId,
        )
        .toArray()[0]?.unlock_failures ?? MAX_UNLOCK_FAILURES;
    if (failures >= MAX_UNLOCK_FAILURES) {
      this.endWhere(sessionId, 'unlock_failed');
      return { outcome: 'ended' };
    }
    return { outcome: 'rejected', attemptsLeft: MAX_UNLOCK_FAILURES - failures };
  }

  private sessionCount(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sessions').one().n;
  }

  /** The index write under way, if any: a sign-in waits for it before trusting the flag. */
  private indexWrite: Promise<void> | null = null;

  /**
   * Marks the user live in the index unless it already is, writing `alongside` in the same
   * batch; true when it wrote (then `alongside` is written too).
   */
  private async markLive(alongside: SQL[]): Promise<boolean> {
    // The alarm may be clearing the row right now (the last session just ended): once that
    // lands the flag says idle, and this sign-in writes live again after it.
    while (this.indexWrite) await this.indexWrite.catch(() => {});
    if ((await this.ctx.storage.get('indexed_live')) === true) return false;
    await this.writeIndex(true, alongside);
    return true;
  }

  /** Writes audit entries about this user, in one round trip. */
  private async writeAudit(entries: SQL[]): Promise<void> {
    const db = createDb(this.env.LIBSQL_URL, this.env.LIBSQL_AUTH_TOKEN);
    const [first, ...rest] = entries.map((entry) => db.run(entry));
    if (first) await db.batch([first, ...rest]);
  }

  /**
   * Writes this user's `live_accounts` row. Versions only grow, so of two writes that cross on
   * the way to the database the older one changes nothing.
   */
  private writeIndex(live: boolean, alongside: SQL[] = []): Promise<void> {
    const write = (async () => {
      const userId = await this.ctx.storage.get<string>('user_id');
      if (!userId) return;
      const version = ((await this.ctx.storage.get<number>('index_version')) ?? 0) + 1;
      // Unknown until the row is written: a restart in between makes the alarm write it again.
      await this.ctx.storage.put({ index_version: version, indexed_live: null });
      const db = createDb(this.env.LIBSQL_URL, this.env.LIBSQL_AUTH_TOKEN);
      await db.batch([
        db.run(sql`INSERT INTO live_accounts (user_id, sessions, version, updated_at)
        VALUES (${userId}, ${live ? 1 : 0}, ${version}, ${Date.now()})
        ON CONFLICT (user_id) DO UPDATE SET sessions = excluded.sessions,
          version = excluded.version, updated_at = excluded.updated_at
        WHERE excluded.version > live_accounts.version`),
        ...alongside.map((statement) => db.run(statement)),
      ]);
      await this.ctx.storage.put('indexed_live', live);
    })();
    this.indexWrite = write;
    return write.finally(() => {
      if (this.indexWrite === write) this.indexWrite = null;
    });
  }

  private async scheduleExpiry(): Promise<void> {
    const { sessions, next } = this.sql
      .exec<{ sessions: number; next: number | null }>(
        'SELECT COUNT(*) AS sessions, MIN(expires_at) AS next FROM sessions',
      )
      .one();
    const account = await this.ctx.storage.get<number | null>('account_expires_at');
    // The index says otherwise (the last session ended, or sessions from before the index):
    // the alarm corrects it right away.
    const indexStale =
      (await this.ctx.storage.get('indexed_live')) !== sessions > 0 &&
      (sessions > 0 || (await this.ctx.storage.get('user_id')) !== undefined);
    const candidates = [next, sessions > 0 ? account : null, indexStale ? Date.now() : null].filter(
      (t): t is number => typeof t === 'number',
    );
    if (candidates.length === 0) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Math.min(...candidates));
  }

  /** Deletes one session (or all, when `sessionId` is null) and kicks their sockets. */
  private endWhere(sessionId: string | null, reason: KickReason, clearWithinMs = 0): number {
    const ended =
      sessionId === null
        ? this.sql.exec<{ id: string }>('DELETE FROM sessions RETURNING id').toArray()
        : this.sql
            .exec<{ id: string }>('DELETE FROM sessions WHERE id = ? RETURNING id', sessionId)
            .toArray();
    for (const { id } of ended) {
      this.sql.exec('DELETE FROM tickets WHERE session_id = ?', id);
      this.codes.forgetSession(id);
      this.faces.forgetSession(id);
      for (const ws of this.ctx.getWebSockets(id)) {
        send(ws, { type: 'kicked', reason });
        try {
          ws.close(KICK_CLOSE_CODE, reason);
        } catch {
          // the socket was already closing
        }
      }
    }
    // The last session is gone: the alarm clears the live index (and reschedules itself). When
    // an account's sessions all end at once — what a sync, a cascade or a role change does to
    // thousands of accounts together — at a random moment within `clearWithinMs`, so that their
    // hubs do not all write to the database in the same instant. Meanwhile the row says live a
    // little longer: at worst one needless wake-up.
    if (ended.length > 0 && this.sessionCount() === 0) {
      void this.ctx.storage.setAlarm(Date.now() + Math.random() * clearWithinMs);
    }
    return ended.length;
  }
}

function send(ws: WebSocket, message: LiveMessage): void {
  try {
    ws.send(JSON.stringify(message));
  } catch {
    // a socket that is closing cannot be told anything more
  }
}

function toSession(row: SessionRow): HubSession {
  return {
    id: row.id,
    client: row.client === 'app' ? 'app' : 'web',
    userAgent: row.user_agent,
    ip: row.ip,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    locked: row.locked === 1,
  };
}
