import { type SQL, sql } from 'drizzle-orm';
import type { AuditAction, SignInFactor, SignInFailure } from '../../schemas/audit';
import { auditId } from './audit-log';

/** Facts of an event about an account, told by the account itself (a sign-in, a sign-out). */
export interface AccountEvent {
  action: AuditAction;
  /** The entry's summary; `{username}` stands for the account's username. */
  summary: string;
  /** Facts for the reader (client, factor, reason …); never a secret. */
  after: Record<string, unknown>;
}

/**
 * The insert for one audit entry about account `userId`, the account itself as the actor. Its
 * username and its company's path (the scope an admin reads it in) are read by the insert
 * itself, so an event costs no read before it: one statement, batched with a write where the
 * request has one. An account that does not exist (any more) writes nothing.
 */
export function accountEventInsert(userId: string, event: AccountEvent, at = Date.now()): SQL {
  return sql`INSERT INTO audit_log
      (id, at, actor_id, actor_username, action, target_type, target_id, company_path, summary, before, after)
    SELECT ${auditId(at)}, ${at}, u.id, u.username, ${event.action}, 'user', u.id, c.path,
      replace(${event.summary}, '{username}', u.username), NULL, ${JSON.stringify(event.after)}
    FROM users u JOIN companies c ON c.id = u.company_id WHERE u.id = ${userId}`;
}

type Client = 'web' | 'app';
const CLIENT_NAME: Record<Client, string> = { web: 'WEB console', app: 'APP' };

/** A finished sign-in: the client and the factor that completed it. */
export const signInEvent = (client: Client, factor: SignInFactor, ip: string | null) => ({
  action: 'auth.sign_in' as const,
  summary: `“{username}” signed in to the ${CLIENT_NAME[client]} (${factor})`,
  after: { client, factor, ip },
});

/** A refused sign-in of an existing account: which factor failed and why, never what was tried. */
export const signInFailedEvent = (
  client: Client,
  factor: SignInFactor,
  reason: SignInFailure,
  ip: string | null,
) => ({
  action: 'auth.sign_in_failed' as const,
  summary: `Failed sign-in of “{username}” to the ${CLIENT_NAME[client]} (${reason.replaceAll('_', ' ')})`,
  after: { client, factor, reason, ip },
});

/**
 * A refused unlock of a locked APP (a wrong password or code, never what was tried); `ended`
 * when it was the last try allowed and the session was ended for it.
 */
export const unlockFailedEvent = (factor: 'password' | 'email', ended: boolean) => ({
  action: 'auth.unlock_failed' as const,
  summary: ended
    ? `A failed APP unlock of “{username}” (${factor}) ended the session: too many tries`
    : `Failed APP unlock of “{username}” (${factor})`,
  after: { factor, ended },
});

export const signOutEvent = (client: Client) => ({
  action: 'auth.sign_out' as const,
  summary: `“{username}” signed out of the ${CLIENT_NAME[client]}`,
  after: { client },
});

/** Exclusive login: a new sign-in ended the account's other sessions. */
export const evictedEvent = (client: Client, sessions: number) => ({
  action: 'session.evicted' as const,
  summary: `A sign-in of “{username}” to the ${CLIENT_NAME[client]} ended ${sessions} other session${sessions === 1 ? '' : 's'} (exclusive login)`,
  after: { client, sessions },
});

export const ownPasswordEvent = () => ({
  action: 'user.password' as const,
  summary: '“{username}” changed their own password',
  after: { by: 'self' },
});
