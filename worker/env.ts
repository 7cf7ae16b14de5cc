import type { Actor } from './authority/actor';
import type { PendingAuthorization } from './authority/authorize';
import type { DrizzleDb } from './lib/db';
import type { AuthContext } from './middleware/auth';

/** Bindings from wrangler.jsonc plus the secrets it cannot declare. */
export interface Bindings extends Env {
  LIBSQL_URL: string;
  LIBSQL_AUTH_TOKEN?: string;
  PASSWORD_PEPPER: string;
  RESEND_API_KEY?: string;
  /** Another address for Resend's API (a local stand-in); only tests set it. */
  RESEND_BASE_URL?: string;
}

export interface Variables {
  requestId: string;
  db: DrizzleDb;
  auth: AuthContext;
  /** Set by `route()` for session routes; consumed by `authorize`. */
  pending: PendingAuthorization | undefined;
  actor: Actor | undefined;
  /**
   * Round trips to the database made for this request so far: its own client's, plus those a
   * Durable Object reports having made for it (`add`).
   */
  dbTrips: { count(): number; add(trips: number): void };
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
