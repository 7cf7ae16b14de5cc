import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';

/**
 * Failed-login bookkeeping for one key (`acct:<username>` or `ip:<address>`). After a number
 * of free failures each further attempt must wait twice as long as the last, up to a cap;
 * failures are forgotten after an hour, so an attacker can slow an account down but never
 * lock it out for good.
 *
 * Storage: `failures` — timestamps (ms) of the failures within the window, oldest first.
 */
export class LoginThrottle extends DurableObject<Bindings> {
  static readonly WINDOW_MS = 60 * 60_000;
  static readonly MAX_DELAY_MS = 15 * 60_000;

  private async failures(now: number): Promise<number[]> {
    const all = (await this.ctx.storage.get<number[]>('failures')) ?? [];
    return all.filter((t) => now - t < LoginThrottle.WINDOW_MS);
  }

  /** Milliseconds the caller must still wait before another attempt (0 = go ahead). */
  async waitFor(freeAttempts: number): Promise<number> {
    const now = Date.now();
    const failures = await this.failures(now);
    const over = failures.length - freeAttempts;
    if (over < 0) return 0;
    const delay = Math.min(LoginThrottle.MAX_DELAY_MS, 1000 * 2 ** over);
    const last = failures[failures.length - 1] ?? 0;
    return Math.max(0, last + delay - now);
  }

  async recordFailure(): Promise<void> {
    const now = Date.now();
    const failures = await this.failures(now);
    failures.push(now);
    await this.ctx.storage.put('failures', failures.slice(-64));
  }

  async reset(): Promise<void> {
    await this.ctx.storage.delete('failures');
  }
}
