import type { Context } from 'hono';
import type { AppEnv } from '../env';

/**
 * A fault-injection point for atomicity tests: in the `test` environment a request can name a
 * point in `x-gatehouse-fault`, and the service throws there, midway through its transaction.
 * Anywhere else this is a no-op.
 */
export type FaultPoint = (name: string) => void;

/** Thrown at an injected fault point; answered like any unexpected error, but not logged. */
export class InjectedFault extends Error {}

export const noFaults: FaultPoint = () => {};

export function faultsFor(c: Context<AppEnv>): FaultPoint {
  if (c.env.ENVIRONMENT !== 'test') return noFaults;
  const wanted = c.req.header('x-gatehouse-fault');
  if (!wanted) return noFaults;
  return (name) => {
    if (name === wanted) throw new InjectedFault(`injected fault at ${name}`);
  };
}
