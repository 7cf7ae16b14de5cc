import { eq, sql } from 'drizzle-orm';
import { companies, users } from '../../../db/schema';
import type { FaceEnrolment } from '../../../schemas/face';
import type { Actor } from '../../authority/actor';
import { actorWriteBatch } from '../../authority/batch-guards';
import { reserveSignInAttempt } from '../../durable-objects/login-throttle.client';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { auditInsert } from '../../lib/audit-log';
import type { DrizzleDb } from '../../lib/db';
import { ApiError } from '../../lib/errors';
import { qualifiedFace } from '../../lib/face/enrolment';
import { sealTemplate, upsertTemplate } from '../../lib/face/face-templates';
import { verifyPassword } from '../../lib/password';

const IN_USE_MESSAGE = 'You sign in with your face: ask an administrator to replace it.';

/** What enrolling the own face reads, batched with the session check. */
export function ownFaceQuery(db: DrizzleDb, userId: string) {
  return db
    .select({
      username: users.username,
      passwordHash: users.passwordHash,
      companyPath: companies.path,
      appLogin: users.mfaAppLogin,
      appUnlock: users.mfaAppUnlock,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId));
}

/**
 * The user enrols its own face from the APP profile, with the password asked again under the
 * sign-in throttle (an unlocked phone in someone else's hand must not enrol its holder's face).
 * Only from the APP, and only while no factor uses face: once the account signs in or unlocks
 * with its face, the password alone must not be able to replace that face (it would make the
 * face worthless) — an administrator replaces it. The photo itself is never kept.
 */
export async function enrolOwnFace(
  env: Bindings,
  db: DrizzleDb,
  actor: Actor,
  row: Awaited<ReturnType<typeof ownFaceQuery>>[number] | undefined,
  input: { image: File; password: string },
  client: 'web' | 'app',
): Promise<{ face: FaceEnrolment }> {
  if (!row) throw new ApiError('SESSION_ENDED');
  if (client !== 'app')
    throw new ApiError('NOT_APP_SESSION', { message: 'Enrol your face in the APP.' });
  if (row.appLogin === 'face' || row.appUnlock === 'face') {
    throw new ApiError('FACE_IN_USE', { message: IN_USE_MESSAGE });
  }
  const attempt = await reserveSignInAttempt(env, { username: row.username, ip: null });
  const verdict = await verifyPassword(input.password, row.passwordHash, env.PASSWORD_PEPPER);
  if (!verdict.ok) {
    await attempt.settle(false);
    throw new ApiError('VALIDATION_FAILED', {
      message: 'The password is not right.',
      field: 'password',
    });
  }
  await attempt.settle(true);
  const embedding = await qualifiedFace(env, new Uint8Array(await input.image.arrayBuffer()));
  const sealed = await sealTemplate(env, {
    userId: actor.id,
    embedding,
    photo: null,
    enrolledBy: actor.id,
  });
  const batch = actorWriteBatch(db, actor);
  // An administrator may have made face a factor while the verifier looked at the photo.
  batch.guard(
    sql`SELECT 1 FROM users WHERE id = ${actor.id} AND (mfa_app_login = 'face' OR mfa_app_unlock = 'face')`,
    () => new ApiError('FACE_IN_USE', { message: IN_USE_MESSAGE }),
  );
  batch.add(upsertTemplate(db, actor.id, sealed));
  batch.add(
    auditInsert(db, actor, {
      action: 'user.face',
      targetType: 'user',
      targetId: actor.id,
      companyPath: row.companyPath,
      summary: `“${actor.username}” enrolled their own face`,
      after: { face: 'enrolled' },
    }),
  );
  await batch.commit();
  await hubFor(env, actor.id).clearFaceFailures();
  return { face: { enrolled: true, enrolledAt: sealed.enrolledAt.toISOString(), hasPhoto: false } };
}
