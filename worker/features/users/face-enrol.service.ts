import { eq, sql } from 'drizzle-orm';
import { faceTemplates, users } from '../../../db/schema';
import type { FaceEnrolment } from '../../../schemas/face';
import { type AccountBelowRows, accountBelowFrom } from '../../authority/act-on-account';
import { actorWriteBatch } from '../../authority/batch-guards';
import type { ServiceContext } from '../../authority/service-context';
import { hubFor } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { ApiError } from '../../lib/errors';
import { qualifiedFace } from '../../lib/face/enrolment';
import { sealTemplate, upsertTemplate } from '../../lib/face/face-templates';
import { guardStillBelow } from './users.guards';

/**
 * Enrols a face for an account entirely below the actor: the verifier re-checks the photo
 * (whatever the browser said) and computes the template; the photo is kept only when the admin
 * asks. The account's face failures start afresh.
 */
export async function enrolFace(
  ctx: ServiceContext,
  id: string,
  input: { image: File; keepPhoto?: 'true' | 'false' },
  rows: AccountBelowRows,
): Promise<{ face: FaceEnrolment }> {
  const { db, actor, env } = ctx;
  const target = accountBelowFrom(actor, rows);
  // Replacing the face an account signs in with changes how it proves who it is.
  const inUse = target.mfaAppLogin === 'face' || target.mfaAppUnlock === 'face';
  const mayReplace = actor.permissions.has('function.mfa.configure');
  const refusal = () =>
    new ApiError('PERMISSION_REQUIRED', {
      message:
        'This account signs in with its face: replacing it needs “Configure sign-in factors”.',
      details: { permission: 'function.mfa.configure' },
    });
  if (inUse && !mayReplace) throw refusal();
  const photo = new Uint8Array(await input.image.arrayBuffer());
  const embedding = await qualifiedFace(env, photo);
  const keep = input.keepPhoto === 'true';
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  if (!mayReplace) {
    // Face may have become a factor of the account while the verifier looked at the photo.
    batch.guard(
      sql`SELECT 1 FROM users WHERE id = ${id} AND (mfa_app_login = 'face' OR mfa_app_unlock = 'face')`,
      refusal,
    );
  }
  const sealed = await sealTemplate(env, {
    userId: id,
    embedding,
    photo: keep ? { bytes: photo, type: imageTypeOf(photo) } : null,
    enrolledBy: actor.id,
  });
  batch.add(upsertTemplate(db, id, sealed));
  batch.add(
    auditInsert(db, actor, {
      action: 'user.face',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Enrolled a face for “${target.username}”${keep ? ' (photo kept)' : ''}`,
      after: { face: 'enrolled', photoKept: keep },
    }),
  );
  await batch.commit();
  await hubFor(env, id).clearFaceFailures();
  return {
    face: { enrolled: true, enrolledAt: new Date().toISOString(), hasPhoto: keep },
  };
}

/**
 * Removes an account's face. Refused while the account signs in or unlocks with it (checked
 * again as the batch lands: a factor set to face meanwhile keeps the face).
 */
export async function removeFace(ctx: ServiceContext, id: string, rows: AccountBelowRows) {
  const { db, actor, env } = ctx;
  const target = accountBelowFrom(actor, rows);
  if (target.mfaAppLogin === 'face' || target.mfaAppUnlock === 'face') {
    throw new ApiError('FACE_IN_USE');
  }
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  batch.guard(
    sql`SELECT 1 FROM users WHERE id = ${id} AND (mfa_app_login = 'face' OR mfa_app_unlock = 'face')`,
    () => new ApiError('FACE_IN_USE'),
  );
  batch.add(db.delete(faceTemplates).where(eq(faceTemplates.userId, id)));
  batch.add(
    auditInsert(db, actor, {
      action: 'user.face',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Removed the face of “${target.username}”`,
      before: { face: 'enrolled' },
      after: { face: 'removed' },
    }),
  );
  // Keeps the row's stamp moving: a pending face login of the old face ends with it.
  batch.add(db.update(users).set({ updatedAt: new Date() }).where(eq(users.id, id)));
  await batch.commit();
  await hubFor(env, id).clearFaceFailures();
  return { face: { enrolled: false, enrolledAt: null, hasPhoto: false } };
}

/** The kept photo's type, from its bytes (the verifier accepted only JPEG and PNG). */
function imageTypeOf(bytes: Uint8Array): 'image/png' | 'image/jpeg' {
  return bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : 'image/jpeg';
}
