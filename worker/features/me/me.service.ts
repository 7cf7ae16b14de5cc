import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { reserveSignInAttempt } from '../../durable-objects/login-throttle.client';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { accountEventInsert, ownPasswordEvent } from '../../lib/account-audit';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { assertPasswordAcceptable } from '../../lib/password-policy';

/**
 * The user replaces its password (required after an initial or admin-set one). The current
 * password is checked under the same throttle as sign-in; every other session ends.
 */
/** What the password change reads, batched with the actor. */
export function ownPasswordQuery(db: DrizzleDb, userId: string) {
  return db
    .select({
      username: users.username,
      email: users.email,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId));
}

export async function changeOwnPassword(
  env: Bindings,
  db: DrizzleDb,
  auth: { userId: string; sessionId: string },
  row: Awaited<ReturnType<typeof ownPasswordQuery>>[number] | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!row) throw new ApiError('SESSION_ENDED');
  const attempt = await reserveSignInAttempt(env, { username: row.username, ip: null });
  const verdict = await verifyPassword(
    input.currentPassword,
    row.passwordHash,
    env.PASSWORD_PEPPER,
  );
  if (!verdict.ok) {
    await attempt.settle(false);
    throw new ApiError('VALIDATION_FAILED', {
      message: 'The current password is not right.',
      field: 'currentPassword',
    });
  }
  assertPasswordAcceptable(input.newPassword, row, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword, env.PASSWORD_PEPPER);
  // The change and its audit entry in one batch: one round trip, both or neither.
  await db.batch([
    db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, auth.userId)),
    db.run(accountEventInsert(auth.userId, ownPasswordEvent())),
  ]);
  await attempt.settle(true);
  const hub = hubFor(env, auth.userId);
  for (const session of await hub.list()) {
    if (session.id !== auth.sessionId) await hub.end(session.id, 'password_changed');
  }
}
