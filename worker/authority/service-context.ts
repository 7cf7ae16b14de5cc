import type { Context } from 'hono';
import type { AppEnv, Bindings } from '../env';
import type { DrizzleDb } from '../lib/db';
import { type FaultPoint, faultsFor } from '../lib/faults';
import { type Actor, getActor } from './actor';

/** What a service needs from the request: the database, the bindings, the actor. */
export interface ServiceContext {
  db: DrizzleDb;
  env: Bindings;
  actor: Actor;
  fault: FaultPoint;
  /** Runs work after the response (hub fan-out) while keeping the request alive. */
  defer(work: Promise<unknown>): void;
}

export async function serviceContext(c: Context<AppEnv>): Promise<ServiceContext> {
  return {
    db: c.var.db,
    env: c.env,
    actor: await getActor(c),
    fault: faultsFor(c),
    defer: (work) => c.executionCtx.waitUntil(work),
  };
}
