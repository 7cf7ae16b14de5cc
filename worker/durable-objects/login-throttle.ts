import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';

/** The answer to "may this password check run?". */
export type Reservation = { ok: true; attemptId: string } | { ok: false; retryAfterMs: number };

/**
 * How a reserved attempt ended:
 * - `failed`: it stays counted, now dated when the check ended: the wait runs from the last
 *   known failure, so guesses queued behind slow checks do not find their wait already over;
 * - `succeeded`: this attempt and every settled failure of the key are forgotten (the
 *   account's owner proved itself); other attempts still being checked stay counted, so a
 *   success cannot hand guesses running beside it a fresh budget;
 * - `withdrawn`: only this attempt is taken back: it was never evaluated, or it succeeded on a
 *   key a success must not clear (an address others share).
 */
export type Settlement = 'failed' | 'succeeded' | 'withdrawn';

/**
 * Failed-login bookkeeping for one key (`acct:<username>` or `ip:<address>`). After a number
 * of free failures each further attempt must wait twice as long as the last, up to a cap;
 * failures are forgotten after an hour, so an attacker can slow an account down but never
 * lock it out for good.
 *
 * An attempt is counted as a failure when it is let through (`reserve`), before the password
 * is checked, and taken back only if it is settled otherwise. Reserving reads and writes in
 * one synchronous call, so parallel guesses cannot all pass the check before any is counted;
 * an attempt whose Worker dies before settling stays a failure.
 *
 * Storage (SQLite): `attempts(id, at, pending)`: counted attempts within the window, dated
 * (ms) when reserved (`pending` 1) and again when settled as failed (`pending` 0). Rows only
 * grow by attempts the policy lets through, so the table stays small without a cap.
 */
export class LoginThrottle extends DurableObject<Bindings> {
  static readonly WINDOW_MS = 60 * 60_000;
  static readonly MAX_DELAY_MS = 15 * 60_000;

  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS attempts (
      id TEXT PRIMARY KEY, at INTEGER NOT NULL, pending INTEGER NOT NULL)`);
    this.adoptLegacyFailures();
  }

  /**
   * Lets one attempt through and counts it as a failure at once, or answers how long to wait.
   * Synchronous on purpose: no other call can run between the count and the insert.
   */
  reserve(freeAttempts: number): Reservation {
    const now = Date.now();
    this.sql.exec('DELETE FROM attempts WHERE at <= ?', now - LoginThrottle.WINDOW_MS);
    const { n, last } = this.sql
      .exec<{ n: number; last: number | null }>(
        'SELECT COUNT(*) AS n, MAX(at) AS last FROM attempts',
      )
      .one();
    const wait = LoginThrottle.waitAfter(n, last ?? 0, freeAttempts, now);
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    const attemptId = crypto.randomUUID();
    this.sql.exec('INSERT INTO attempts (id, at, pending) VALUES (?, ?, 1)', attemptId, now);
    return { ok: true, attemptId };
  }

  /** Records how a reserved attempt ended (see `Settlement`). Unknown ids are ignored. */
  settle(attemptId: string, how: Settlement): void {
    if (how === 'failed') {
      this.sql.exec('UPDATE attempts SET at = ?, pending = 0 WHERE id = ?', Date.now(), attemptId);
    }
    if (how === 'succeeded') {
      this.sql.exec('DELETE FROM attempts WHERE id = ? OR pending = 0', attemptId);
    }
    if (how === 'withdrawn') this.sql.exec('DELETE FROM attempts WHERE id = ?', attemptId);
  }

  /** Milliseconds still to wait after `failures` failures, the last at `last` (0 = go ahead). */
  private static waitAfter(failures: number, last: number, free: number, now: number): number {
    const over = failures - free;
    if (over < 0) return 0;
    const delay = Math.min(LoginThrottle.MAX_DELAY_MS, 1000 * 2 ** over);
    return Math.max(0, last + delay - now);
  }

  /**
   * The previous version kept failures as one `failures` list in the key-value storage; they
   * move into the table once, so deploying this does not hand out a fresh budget.
   */
  private adoptLegacyFailures(): void {
    const legacy = this.ctx.storage.kv.get<number[]>('failures');
    if (legacy === undefined) return;
    for (const at of legacy) {
      this.sql.exec(
        'INSERT INTO attempts (id, at, pending) VALUES (?, ?, 0)',
        crypto.randomUUID(),
        at,
      );
    }
    this.ctx.storage.kv.delete('failures');
  }
}
