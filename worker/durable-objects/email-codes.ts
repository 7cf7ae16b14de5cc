import { type CodePurpose, EMAIL_CODE_RULES } from '../../schemas/mfa';
import { constantTimeEqual, randomBytes, toBase64Url } from '../lib/encoding';

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
 * - `code_sends(at)`: when codes were mailed, for the hourly cap (all purposes together).
 */

/** What a finished login needs to open its session, fixed when the password passed. */
export interface PendingLogin {
  client: 'web' | 'app';
  userAgent: string | null;
  ip: string | null;
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
  | { refused: 'RESEND_TOO_SOON'; retryAfterMs: number }
  | { refused: 'CHALLENGE_ENDED' };

export type CodeCheck =
  | { ok: true; purpose: CodePurpose; sessionId: string | null; login: PendingLogin | null }
  | { ok: false; reason: 'CHALLENGE_ENDED' }
  | { ok: false; reason: 'CODE_INVALID'; attemptsLeft: number };

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
}

const LIFETIME_MS = EMAIL_CODE_RULES.lifetimeMinutes * 60_000;
const COOLDOWN_MS = EMAIL_CODE_RULES.resendCooldownSeconds * 1000;
const HOUR_MS = 3_600_000;
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
export async function hashCode(pepper: string, id: string, code: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}:${code}`));
  return toBase64Url(new Uint8Array(mac));
}

export class EmailCodes {
  constructor(
    private readonly sql: SqlStorage,
    private readonly pepper: string,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS codes (
      id TEXT PRIMARY KEY, purpose TEXT NOT NULL, session_id TEXT, code_hash TEXT NOT NULL,
      email TEXT NOT NULL, wrong_tries INTEGER NOT NULL DEFAULT 0, sent_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL, login TEXT)`);
    sql.exec('CREATE TABLE IF NOT EXISTS code_sends (at INTEGER NOT NULL)');
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
    const capped = this.capRefusal(now);
    if (capped) return capped;
    if (previous) this.sql.exec('DELETE FROM codes WHERE id = ?', previous.id);
    this.sql.exec(
      `INSERT INTO codes (id, purpose, session_id, code_hash, email, sent_at, expires_at, login)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      input.purpose,
      input.sessionId ?? null,
      codeHash,
      input.email,
      now,
      now + LIFETIME_MS,
      input.login ? JSON.stringify(input.login) : null,
    );
    this.sql.exec('INSERT INTO code_sends (at) VALUES (?)', now);
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
   * wrong tries so far still count (a resend does not buy more guesses), the lifetime restarts.
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
    const capped = this.capRefusal(now);
    if (capped) return capped;
    this.sql.exec(
      'UPDATE codes SET code_hash = ?, sent_at = ?, expires_at = ? WHERE id = ?',
      codeHash,
      now,
      now + LIFETIME_MS,
      id,
    );
    this.sql.exec('INSERT INTO code_sends (at) VALUES (?)', now);
    return {
      id,
      code,
      email: row.email,
      purpose: row.purpose as CodePurpose,
      expiresAt: now + LIFETIME_MS,
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
    if (constantTimeEqual(row.code_hash, submitted)) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
      return {
        ok: true,
        purpose: row.purpose as CodePurpose,
        sessionId: row.session_id,
        login: row.login ? (JSON.parse(row.login) as PendingLogin) : null,
      };
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

  /** When the hub should wake to drop expired rows, if any remain. */
  nextExpiry(): number | null {
    return this.sql.exec<{ next: number | null }>('SELECT MIN(expires_at) AS next FROM codes').one()
      .next;
  }

  /** Drops expired codes and sends older than the cap's hour. */
  sweep(now: number): void {
    this.sql.exec('DELETE FROM codes WHERE expires_at <= ?', now);
    this.sql.exec('DELETE FROM code_sends WHERE at <= ?', now - HOUR_MS);
  }

  private live(id: string, now: number): CodeRow | undefined {
    const row = this.sql.exec<CodeRow>('SELECT * FROM codes WHERE id = ?', id).toArray()[0];
    if (row && row.expires_at <= now) {
      this.sql.exec('DELETE FROM codes WHERE id = ?', id);
      return undefined;
    }
    return row;
  }

  private capRefusal(now: number): IssueRefusal | null {
    this.sql.exec('DELETE FROM code_sends WHERE at <= ?', now - HOUR_MS);
    const { sent, oldest } = this.sql
      .exec<{ sent: number; oldest: number | null }>(
        'SELECT COUNT(*) AS sent, MIN(at) AS oldest FROM code_sends WHERE at > ?',
        now - HOUR_MS,
      )
      .one();
    if (sent < EMAIL_CODE_RULES.sendsPerHour) return null;
    return { refused: 'CODE_SEND_LIMIT', retryAfterMs: (oldest ?? now) + HOUR_MS - now };
  }
}
