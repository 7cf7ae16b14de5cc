import { type CodePurpose, EMAIL_CODE_RULES } from '../../schemas/mfa';
import { constantTimeEqual, hmacBase64Url, randomBytes, toBase64Url } from '../lib/encoding';
import { addMissingColumns } from './storage-columns';

/**
 * Email codes (invariant 6), kept in the user's SessionHub so that "check the code, then use it
 * up" runs with no await in between: a code's hash is computed *before* its row is read, and
 * the read, the comparison and the delete (or the wrong-try count) are one synchronous step.
 * Two submissions of one code therefore cannot both pass, however they interleave.
 *
 * Storage:
 * - `codes(id, purpose, session_id, code_hash, email, wrong_tries, sent_at, expires_at, login)`:
 *   one row per pending attempt; `id` is the random half of the challenge id, `session_id` the
 *   APP session an unlock code belongs to, `login` what the finished login opens (JSON).
 * - `code_sends(at, kind)`: when codes were mailed, for the hourly caps (`login` and `unlock`
 *   counted apart).
 * - `code_failures(at, stamp)`: wrong codes of login attempts, with the credential stamp they
 *   were made under, for the daily cap on guesses: a new password (or address) starts afresh.
 */

/** What a finished login needs to open its session, fixed when the password passed. */
export interface PendingLogin {
  client: 'web' | 'app';
  userAgent: string | null;
  ip: string | null;
  /**
   * A fingerprint of the credentials the password check passed against (password hash and
   * address): a password change, reset or new address since then ends the attempt.
   */
  stamp: string;
}

export interface IssuedCode {
  /** The random half of the challenge id (the user id is the other). */
  id: string;
  code: string;
  email: string;
  purpose: CodePurpose;
  expiresAt: number;
  resendAfter: number;
}

export type IssueRefusal =
  | { refused: 'CODE_SEND_LIMIT'; retryAfterMs: number }
  | { refused: 'CODE_GUESS_LIMIT'; retryAfterMs: number }
  | { refused: 'RESEND_TOO_SOON'; retryAfterMs: number }
  | { refused: 'CHALLENGE_ENDED' };

export type CodeCheck =
  | { ok: true; purpose: CodePurpose; sessionId: string | null; login: PendingLogin | null }
  | { ok: false; reason: 'CHALLENGE_ENDED' }
  | { ok: false; reason: 'CODE_GUESS_LIMIT'; retryAfterMs: number }
  | { ok: false; reason: 'CODE_INVALID'; attemptsLeft: number; purpose: CodePurpose };

interface CodeRow extends Record<string, SqlStorageValue> {
  id: string;
  purpose: string;
  session_id: string | null;
  code_hash: string;
  email: string;
  wrong_tries: number;
  sent_at: number;
  expires_at: number;
  login: string | null;
  started_at: number;
}

const LIFETIME_MS = EMAIL_CODE_RULES.lifetimeMinutes * 60_000;
const COOLDOWN_MS = EMAIL_CODE_RULES.resendCooldownSeconds * 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ATTEMPT_MAX_MS = EMAIL_CODE_RULES.attemptMaxMinutes * 60_000;
const sendKind = (purpose: CodePurpose) => (purpose === 'app_unlock' ? 'unlock' : 'login');
/** The largest multiple of 10^6 below 2^32: draws at or above it are thrown away (no bias). */
const UNBIASED_LIMIT = 4_294_000_000;

/** Six digits from the CSPRNG, uniformly: rejection sampling, never `random() * 10^6`. */
export function newCode(): string {
  const draw = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(draw);
    const value = draw[0] ?? UNBIASED_LIMIT;
    if (value < UNBIASED_LIMIT) return String(value % 1_000_000).padStart(6, '0');
  }
}

/**
 * The stored form of a code: an HMAC keyed by the server's pepper over the challenge id and the
 * code, so a leaked hub row neither shows the code nor lets one try the million candidates
 * offline, and a code only matches the attempt it was mailed for.
 */
export function hashCode(pepper: string, id: string, code: string): Promise<string> {
  return hmacBase64Url(pepper, `${id}:${code}`);
}

export class EmailCodes {
  constructor(
    private readonly sql: SqlStorage,
    private readonly pepper: string,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS codes (
      id TEXT PRIMARY KEY, purpose TEXT NOT NULL, session_id TEXT, code_hash TEXT NOT NULL,
      email TEXT NOT NULL, wrong_tries INTEGER NOT NULL DEFAULT 0, sent_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL, login TEXT, started_at INTEGER NOT NULL DEFAULT 0)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS code_sends (
      at INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'login')`);
    sql.exec('CREATE TABLE IF NOT EXISTS code_failures (at INTEGER NOT NULL, stamp TEXT)');
    addMissingColumns(sql, 'codes', { started_at: 'INTEGER NOT NULL DEFAULT 0' });
    addMissingColumns(sql, 'code_sends', { kind: "TEXT NOT NULL DEFAULT 'login'" });
    addMissingColumns(sql, 'code_failures', { stamp: 'TEXT' });
  }

  /**
   * A new attempt and its first code. An unlock code replaces any earlier one of its session
   * (asking again is a resend), so the cooldown applies to it as well.
   */
  async issue(input: {
    purpose: CodePurpose;
    email: string;
    sessionId?: string;
    login?: PendingLogin;
  }): Promise<IssuedCode | IssueRefusal> {
    const id = toBase64Url(randomBytes(16)).slice(0, 22);
    const code = newCode();
    const codeHash = await hashCode(this.pepper, id, code);
    // From here on nothing awaits: the cap, the cooldown and the insert are one step.
    const now = Date.now();
    const previous = input.sessionId
      ? this.sql
          .exec<CodeRow>(
            'SELECT * FROM codes WHERE session_id = ? AND purpose = ?',
            input.sessionId,
            input.purpose,
          )
          .toArray()[0]
      : undefined;
    if (previous && previous.expires_at > now && previous.sent_at + COOLDOWN_MS > now) {
      return { refused: 'RESEND_TOO_SOON', retryAfterMs: previous.sent_at + COOLDOWN_MS - now };
    }
    const capped = this.capRefusal(now, input.purpose, input.login?.stamp ?? null);
    if (capped) return capped;
    if (previous) this.sql.exec('DELETE FROM codes WHERE id = ?', previous.id);
    this.sql.exec(
      `INSERT INTO codes (id, purpose, session_id, code_hash, email, sent_at, expires_at, login,
        started_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      input.purpose,
      input.sessionId ?? null,
      codeHash,
      input.email,
      now,
      now + LIFETIME_MS,
      input.login ? JSON.stringify(input.login) : null,
      now,
    );
    this.sql.exec('INSERT INTO code_sends (at, kind) VALUES (?, ?)', now, sendKind(input.purpose));
    return {
      id,
      code,
      email: input.email,
      purpose: input.purpose,
      expiresAt: now + LIFETIME_MS,
      resendAfter: now + COOLDOWN_MS,
    };
  }

  /**
   * A new code for a pending login (`POST /auth/mfa/email`): the old code stops working, the
   * wrong tries so far still count (a resend does not buy more guesses), the lifetime restarts
   * — but never past `attemptMaxMinutes` after the password passed.
   */
  async resend(id: string, purposes: readonly CodePurpose[]): Promise<IssuedCode | IssueRefusal> {
    const code = newCode();
    const codeHash = await hashCode(this.pepper, id, code);
    const now = Date.now();
    const row = this.live(id, now);
    if (!row || !purposes.includes(row.purpose as CodePurpose)) {
      return { refused: 'CHALLENGE_ENDED' };
    }
    if (row.sent_at + COOLDOWN_MS > now) {
      return { refused: 'RESEND_TOO_SOON', retryAfterMs: row.sent_at + COOLDOWN_MS - now };
    }
    const endsAt = row.started_at + ATTEMPT_MAX_MS;
    if (endsAt <= now) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
      return { refused: 'CHALLENGE_ENDED' };
    }
    const capped = this.capRefusal(now, row.purpose as CodePurpose, stampOf(row));
    if (capped) return capped;
    const expiresAt = Math.min(now + LIFETIME_MS, endsAt);
    this.sql.exec(
      'UPDATE codes SET code_hash = ?, sent_at = ?, expires_at = ? WHERE id = ?',
      codeHash,
      now,
      expiresAt,
      id,
    );
    this.sql.exec(
      'INSERT INTO code_sends (at, kind) VALUES (?, ?)',
      now,
      sendKind(row.purpose as CodePurpose),
    );
    return {
      id,
      code,
      email: row.email,
      purpose: row.purpose as CodePurpose,
      expiresAt,
      resendAfter: now + COOLDOWN_MS,
    };
  }

  /**
   * Checks a submitted code against the attempt: right → the attempt is used up (and what it was
   * for is returned); wrong → one try fewer, the fifth wrong try ends the attempt. A code is only
   * checked for an attempt of one of `purposes` (and, for an unlock, of that session).
   */
  async check(
    id: string,
    code: string,
    purposes: readonly CodePurpose[],
    sessionId: string | null = null,
  ): Promise<CodeCheck> {
    const submitted = await hashCode(this.pepper, id, code);
    // Synchronous from here: read, compare and use up (or count) cannot interleave.
    const now = Date.now();
    const row = this.live(id, now);
    if (!row || !purposes.includes(row.purpose as CodePurpose) || row.session_id !== sessionId) {
      return { ok: false, reason: 'CHALLENGE_ENDED' };
    }
    // The day's wrong codes for these credentials are spent: not even the right code is checked
    // (a password holder must not get more guesses by opening many attempts first).
    const stamp = stampOf(row);
    const spent = stamp === null ? null : this.guessRefusal(now, stamp);
    if (spent) return { ok: false, reason: 'CODE_GUESS_LIMIT', retryAfterMs: spent.retryAfterMs };
    if (constantTimeEqual(row.code_hash, submitted)) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
      return {
        ok: true,
        purpose: row.purpose as CodePurpose,
        sessionId: row.session_id,
        login: row.login ? (JSON.parse(row.login) as PendingLogin) : null,
      };
    }
    if (stamp !== null) {
      this.sql.exec('INSERT INTO code_failures (at, stamp) VALUES (?, ?)', now, stamp);
    }
    const wrongTries = row.wrong_tries + 1;
    if (wrongTries >= EMAIL_CODE_RULES.maxWrongTries) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
    } else {
      this.sql.exec('UPDATE codes SET wrong_tries = ? WHERE id = ?', wrongTries, id);
    }
    return {
      ok: false,
      reason: 'CODE_INVALID',
      attemptsLeft: EMAIL_CODE_RULES.maxWrongTries - wrongTries,
      purpose: row.purpose as CodePurpose,
    };
  }

  /** Forgets an attempt whose mail could not be sent, and the send it counted. */
  withdraw(id: string): void {
    const row = this.sql
      .exec<{ sent_at: number }>('DELETE FROM codes WHERE id = ? RETURNING sent_at', id)
      .toArray()[0];
    if (!row) return;
    this.sql.exec(
      'DELETE FROM code_sends WHERE rowid IN (SELECT rowid FROM code_sends WHERE at = ? LIMIT 1)',
      row.sent_at,
    );
  }

  /** Every pending code of a session (it ended) or of the account (all sessions ended). */
  forgetSession(sessionId: string | null): void {
    if (sessionId === null) this.sql.exec('DELETE FROM codes');
    else this.sql.exec('DELETE FROM codes WHERE session_id = ?', sessionId);
  }

  /** Pending logins end (the account was disabled, deleted, or its sessions all ended). */
  forgetLogins(): void {
    this.sql.exec('DELETE FROM codes WHERE session_id IS NULL');
  }

  /** Drops expired codes and sends older than the cap's hour. */
  sweep(now: number): void {
    this.sql.exec('DELETE FROM codes WHERE expires_at <= ?', now);
    this.sql.exec('DELETE FROM code_sends WHERE at <= ?', now - HOUR_MS);
    this.sql.exec('DELETE FROM code_failures WHERE at <= ?', now - DAY_MS);
  }

  private live(id: string, now: number): CodeRow | undefined {
    const row = this.sql.exec<CodeRow>('SELECT * FROM codes WHERE id = ?', id).toArray()[0];
    if (row && row.expires_at <= now) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
      return undefined;
    }
    return row;
  }

  /** Wrong login codes under these credentials in the last day reached the cap. */
  private guessRefusal(
    now: number,
    stamp: string,
  ): { refused: 'CODE_GUESS_LIMIT'; retryAfterMs: number } | null {
    const guesses = this.sql
      .exec<{ n: number; oldest: number | null }>(
        'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM code_failures WHERE stamp = ? AND at > ?',
        stamp,
        now - DAY_MS,
      )
      .one();
    if (guesses.n < EMAIL_CODE_RULES.wrongCodesPerDay) return null;
    return { refused: 'CODE_GUESS_LIMIT', retryAfterMs: (guesses.oldest ?? now) + DAY_MS - now };
  }

  /**
   * The caps a new code must pass: for a login, the day's wrong codes under its credentials;
   * then the codes of its kind (login, unlock) mailed in the last hour.
   */
  private capRefusal(now: number, purpose: CodePurpose, stamp: string | null): IssueRefusal | null {
    this.sweep(now);
    const guessed = stamp === null ? null : this.guessRefusal(now, stamp);
    if (guessed) return guessed;
    const { sent, oldest } = this.sql
      .exec<{ sent: number; oldest: number | null }>(
        'SELECT COUNT(*) AS sent, MIN(at) AS oldest FROM code_sends WHERE kind = ?',
        sendKind(purpose),
      )
      .one();
    if (sent < EMAIL_CODE_RULES.sendsPerHour) return null;
    return { refused: 'CODE_SEND_LIMIT', retryAfterMs: (oldest ?? now) + HOUR_MS - now };
  }
}

/** The credential stamp a login attempt was started under; null for an unlock code. */
function stampOf(row: CodeRow): string | null {
  return row.login ? (JSON.parse(row.login) as PendingLogin).stamp : null;
}
