import { FACE_RULES, FACE_TURNS, type FaceTurn } from '../../schemas/face-rules';
import { EMAIL_CODE_RULES } from '../../schemas/mfa-rules';
import { randomBytes, toBase64Url } from '../lib/encoding';
import type { PendingLogin } from './email-codes';

/**
 * Face verifications of one account, kept in its SessionHub so that "use the nonce up, check
 * the failures so far" is one synchronous step: a nonce serves one verification only, and 200
 * verifications sent at once still meet the limit of FACE_RULES.maxFailures failures in a row.
 *
 * Storage:
 * - `face_logins(id, login, started_at, expires_at)`: logins whose password passed and whose
 *   face is still due (`id` is the random half of the challenge id).
 * - `face_nonces(nonce, purpose, target, turn, expires_at)`: issued nonces; `target` is the
 *   login's id or the APP session being unlocked; `turn` the head turn the frames must show.
 * - `face_turns(purpose, target, turn, expires_at)`: the head turn drawn for the account
 *   (one row, purpose and target 'account'), kept until a verification is judged: asking for
 *   another nonce, or starting another login, must not draw the side again (someone holding a
 *   picture turned one way would ask until that side came up); each new draw costs a judged
 *   attempt.
 * - `face_state(id = 1, failures)`: failed verifications in a row (any purpose); a success or a
 *   new enrolment clears them.
 */
export type FacePurpose = 'login' | 'unlock';

export type NonceIssue =
  | { nonce: string; turn: FaceTurn; expiresAt: number }
  | { refused: 'CHALLENGE_ENDED' | 'FACE_LOCKED' };

export type FaceReservation =
  | { ok: true; turn: FaceTurn }
  | { ok: false; refused: 'FACE_NONCE_INVALID' | 'FACE_LOCKED' | 'CHALLENGE_ENDED' };

export type FaceSettlement =
  | { match: true; login: PendingLogin | null }
  | { match: false; failuresLeft: number };

const NONCE_MS = FACE_RULES.nonceLifetimeSeconds * 1000;
/** How long a drawn turn waits for a verification before it lapses. */
const TURN_MS = 24 * 3_600_000;
const LOGIN_MS = EMAIL_CODE_RULES.attemptMaxMinutes * 60_000;

export class FaceAttempts {
  /** Verifications under way: each may still become a failure. */
  private inFlight = 0;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS face_logins (
      id TEXT PRIMARY KEY, login TEXT NOT NULL, started_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS face_nonces (
      nonce TEXT PRIMARY KEY, purpose TEXT NOT NULL, target TEXT NOT NULL, turn TEXT NOT NULL,
      expires_at INTEGER NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS face_turns (
      purpose TEXT NOT NULL, target TEXT NOT NULL, turn TEXT NOT NULL, expires_at INTEGER NOT NULL,
      PRIMARY KEY (purpose, target))`);
    sql.exec(
      'CREATE TABLE IF NOT EXISTS face_state (id INTEGER PRIMARY KEY, failures INTEGER NOT NULL)',
    );
  }

  failures(): number {
    return (
      this.sql
        .exec<{ failures: number }>('SELECT failures FROM face_state WHERE id = 1')
        .toArray()[0]?.failures ?? 0
    );
  }

  /** Face failed too often (counting those under way): refused until a success elsewhere. */
  locked(): boolean {
    return this.failures() + this.inFlight >= FACE_RULES.maxFailures;
  }

  /** A login whose password passed now waits for the face. */
  startLogin(login: PendingLogin): { id: string; expiresAt: number } | { refused: 'FACE_LOCKED' } {
    if (this.failures() >= FACE_RULES.maxFailures) return { refused: 'FACE_LOCKED' };
    const now = Date.now();
    this.sweep(now);
    const id = toBase64Url(randomBytes(16)).slice(0, 22);
    this.sql.exec(
      'INSERT INTO face_logins (id, login, started_at, expires_at) VALUES (?, ?, ?, ?)',
      id,
      JSON.stringify(login),
      now,
      now + LOGIN_MS,
    );
    return { id, expiresAt: now + LOGIN_MS };
  }

  /**
   * A nonce for one verification of `target` (a pending login, or a locked APP session the hub
   * has checked), with the head turn drawn at random for that target. One live nonce per
   * target: asking again replaces it, so nonces cannot be stockpiled.
   */
  issueNonce(purpose: FacePurpose, target: string): NonceIssue {
    const now = Date.now();
    this.sweep(now);
    const login = purpose === 'login' ? this.liveLogin(target, now) : undefined;
    if (purpose === 'login' && !login) return { refused: 'CHALLENGE_ENDED' };
    if (this.locked()) return { refused: 'FACE_LOCKED' };
    const nonce = toBase64Url(randomBytes(24));
    const turn = this.pendingTurn(now);
    this.sql.exec('DELETE FROM face_nonces WHERE purpose = ? AND target = ?', purpose, target);
    this.sql.exec(
      'INSERT INTO face_nonces (nonce, purpose, target, turn, expires_at) VALUES (?, ?, ?, ?, ?)',
      nonce,
      purpose,
      target,
      turn,
      now + NONCE_MS,
    );
    return { nonce, turn, expiresAt: now + NONCE_MS };
  }

  /**
   * Uses a nonce up (whatever follows, it never serves again) and lets one verification go
   * ahead — unless it was not issued for this purpose and target, has expired, or the failures
   * so far and the verifications under way could already reach the limit. Settled by `settle`.
   */
  reserve(nonce: string, purpose: FacePurpose, target: string): FaceReservation {
    const now = Date.now();
    const row = this.sql
      .exec<{ purpose: string; target: string; turn: string; expires_at: number }>(
        'DELETE FROM face_nonces WHERE nonce = ? RETURNING purpose, target, turn, expires_at',
        nonce,
      )
      .toArray()[0];
    if (!row || row.purpose !== purpose || row.target !== target || row.expires_at <= now) {
      return { ok: false, refused: 'FACE_NONCE_INVALID' };
    }
    if (purpose === 'login' && !this.liveLogin(target, now)) {
      return { ok: false, refused: 'CHALLENGE_ENDED' };
    }
    if (this.locked()) return { ok: false, refused: 'FACE_LOCKED' };
    this.inFlight += 1;
    return { ok: true, turn: row.turn as FaceTurn };
  }

  /**
   * The verdict of a reserved verification. A match clears the failures and, for a login, uses
   * the login up (of two matching verifications only one gets it); a mismatch counts.
   */
  settle(purpose: FacePurpose, target: string, match: boolean): FaceSettlement {
    this.inFlight = Math.max(0, this.inFlight - 1);
    // Judged: the next verification gets a side drawn afresh.
    this.sql.exec("DELETE FROM face_turns WHERE purpose = 'account'");
    if (!match) {
      const failures = this.failures() + 1;
      this.setFailures(failures);
      return { match: false, failuresLeft: Math.max(0, FACE_RULES.maxFailures - failures) };
    }
    this.setFailures(0);
    if (purpose === 'unlock') return { match: true, login: null };
    const row = this.sql
      .exec<{ login: string; expires_at: number }>(
        'DELETE FROM face_logins WHERE id = ? RETURNING login, expires_at',
        target,
      )
      .toArray()[0];
    if (!row || row.expires_at <= Date.now()) return { match: true, login: null };
    return { match: true, login: JSON.parse(row.login) as PendingLogin };
  }

  /** A verification that could not be judged (the verifier failed): neither pass nor failure. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** A new face was enrolled (or removed), or the account signed in another way. */
  clearFailures(): void {
    this.setFailures(0);
  }

  /** Pending face logins end (the account was disabled, deleted, or its sessions all ended). */
  forgetLogins(): void {
    this.sql.exec('DELETE FROM face_logins');
    this.sql.exec("DELETE FROM face_nonces WHERE purpose = 'login'");
  }

  /** The nonces of an APP session that ended. */
  forgetSession(sessionId: string | null): void {
    const where = sessionId === null ? '' : ' AND target = ?';
    const bind = sessionId === null ? [] : [sessionId];
    this.sql.exec(`DELETE FROM face_nonces WHERE purpose = 'unlock'${where}`, ...bind);
  }

  sweep(now: number): void {
    this.sql.exec('DELETE FROM face_logins WHERE expires_at <= ?', now);
    this.sql.exec('DELETE FROM face_nonces WHERE expires_at <= ?', now);
    this.sql.exec('DELETE FROM face_turns WHERE expires_at <= ?', now);
  }

  private liveLogin(id: string, now: number): { expires_at: number } | undefined {
    const row = this.sql
      .exec<{ expires_at: number }>('SELECT expires_at FROM face_logins WHERE id = ?', id)
      .toArray()[0];
    return row !== undefined && row.expires_at > now ? row : undefined;
  }

  /** The turn drawn for the account and not yet judged, drawn now if there is none. */
  private pendingTurn(now: number): FaceTurn {
    const kept = this.sql
      .exec<{ turn: string }>(
        "SELECT turn FROM face_turns WHERE purpose = 'account' AND target = 'account'",
      )
      .toArray()[0];
    if (kept) return kept.turn as FaceTurn;
    const turn = FACE_TURNS[(randomBytes(1)[0] ?? 0) & 1] ?? 'left';
    this.sql.exec(
      "INSERT INTO face_turns (purpose, target, turn, expires_at) VALUES ('account', 'account', ?, ?)",
      turn,
      now + TURN_MS,
    );
    return turn;
  }

  private setFailures(failures: number): void {
    this.sql.exec(
      'INSERT INTO face_state (id, failures) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET failures = excluded.failures',
      failures,
    );
  }
}
