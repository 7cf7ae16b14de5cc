import type { Bindings } from '../env';
import { ApiError } from '../lib/errors';
import type { LoginThrottle, Settlement } from './login-throttle';

/** Failures before delays start: per account, and per client address. */
export const FREE_FAILURES = { account: 5, ip: 20 };

/** The throttles a password check counts against: the account's and, when known, the address's. */
function throttles(env: Bindings, username: string, ip: string | null) {
  const stub = (key: string) => env.LOGIN_THROTTLE.get(env.LOGIN_THROTTLE.idFromName(key));
  return {
    account: stub(`acct:${username.toLowerCase()}`),
    ip: ip ? stub(`ip:${ip}`) : null,
  };
}

/** A password check the throttles let through; it counts as a failure until settled `true`. */
export interface SignInAttempt {
  /**
   * `true`: the password was right: the account's failures are forgotten and the address gets
   * this attempt back. `false`: it stays a failure, dated now.
   */
  settle(ok: boolean): Promise<void>;
}

/**
 * Reserves one password check for `username` (and the client address, when known) before the
 * password is verified, or throws RATE_LIMITED with `retryAfterSeconds` when either is over
 * its budget. Guesses are counted as they arrive, so of a burst of parallel guesses only the
 * free allowance is evaluated before the waits begin.
 */
export async function reserveSignInAttempt(
  env: Bindings,
  who: { username: string; ip: string | null },
): Promise<SignInAttempt> {
  const throttle = throttles(env, who.username, who.ip);
  // The address first: a spray of usernames from one address is then refused without a
  // throttle being created for every name it tries.
  const settleIp = throttle.ip ? await reserveOn(throttle.ip, FREE_FAILURES.ip) : null;
  const settleAccount = await reserveOn(throttle.account, FREE_FAILURES.account).catch(
    async (err: unknown) => {
      // A refused attempt checks no password, so it is no failure: the address gets it back.
      // Otherwise one locked account would use up the budget of everyone behind its address.
      await settleIp?.('withdrawn');
      throw err;
    },
  );
  return {
    async settle(ok) {
      await Promise.all([
        settleAccount(ok ? 'succeeded' : 'failed'),
        // One user signing in does not vouch for everyone behind its address.
        settleIp?.(ok ? 'withdrawn' : 'failed'),
      ]);
    },
  };
}

/** Reserves an attempt on one key and answers how to settle it, or throws RATE_LIMITED. */
async function reserveOn(
  stub: DurableObjectStub<LoginThrottle>,
  freeAttempts: number,
): Promise<(how: Settlement) => Promise<void>> {
  const reserved = await stub.reserve(freeAttempts);
  if (!reserved.ok) throw rateLimited(reserved.retryAfterMs);
  return async (how) => {
    await stub.settle(reserved.attemptId, how);
  };
}

function rateLimited(waitMs: number): ApiError {
  const seconds = Math.ceil(waitMs / 1000);
  return new ApiError('RATE_LIMITED', {
    message: `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    details: { retryAfterSeconds: seconds },
  });
}
