import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { MfaConfig } from '../../../schemas/mfa';
import { type AccountBelowRows, accountBelowFrom } from '../../authority/act-on-account';
import { actorWriteBatch } from '../../authority/batch-guards';
import type { ServiceContext } from '../../authority/service-context';
import { broadcastTo } from '../../durable-objects/session-hub.client';
import { auditInsert } from '../../lib/audit-log';
import { ApiError } from '../../lib/errors';
import { guardStillBelow } from './users.guards';

type Factor = keyof MfaConfig;
const FACTORS: readonly Factor[] = ['webLogin', 'appLogin', 'appUnlock'];

/**
 * The first factor that cannot be chosen for this account: email needs an address on it, face
 * an enrolled face.
 */
function unusableFactor(input: MfaConfig, email: string | null, faceEnrolled: boolean) {
  for (const factor of FACTORS) {
    const choice = input[factor];
    if (choice === 'email' && !email) return new ApiError('EMAIL_REQUIRED', { field: factor });
    if (choice === 'face' && !faceEnrolled) {
      return new ApiError('FACE_NOT_ENROLLED', { field: factor });
    }
  }
  return null;
}

/**
 * Sets how an account proves who it is, on an account entirely below the actor. Audited; the
 * account's open screens are told. Sessions already open stay open: a factor guards the next
 * sign-in or unlock, it does not revoke what was proven.
 */
export async function updateMfaConfig(
  ctx: ServiceContext,
  id: string,
  input: MfaConfig,
  rows: AccountBelowRows,
  face: { faceEnrolled: boolean },
) {
  const { db, actor } = ctx;
  const target = accountBelowFrom(actor, rows);
  const refusal = unusableFactor(input, target.email, face.faceEnrolled);
  if (refusal) throw refusal;
  const before: MfaConfig = {
    webLogin: target.mfaWebLogin,
    appLogin: target.mfaAppLogin,
    appUnlock: target.mfaAppUnlock,
  };
  const batch = actorWriteBatch(db, actor);
  guardStillBelow(batch, db, actor, id);
  if (FACTORS.some((f) => input[f] === 'email')) {
    // The address may have been cleared since the read: email codes would have nowhere to go.
    batch.guard(
      sql`SELECT 1 FROM users WHERE id = ${id} AND (email IS NULL OR email = '')`,
      () => new ApiError('EMAIL_REQUIRED', { field: FACTORS.find((f) => input[f] === 'email') }),
    );
  }
  const faceFactor = FACTORS.find((f) => input[f] === 'face');
  if (faceFactor) {
    // The face may have been removed since the read.
    batch.guard(
      sql`SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM face_templates WHERE user_id = ${id})`,
      () => new ApiError('FACE_NOT_ENROLLED', { field: faceFactor }),
    );
  }
  batch.add(
    db
      .update(users)
      .set({
        mfaWebLogin: input.webLogin,
        mfaAppLogin: input.appLogin,
        mfaAppUnlock: input.appUnlock,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id)),
  );
  batch.add(
    auditInsert(db, actor, {
      action: 'user.mfa',
      targetType: 'user',
      targetId: id,
      companyPath: target.companyPath,
      summary: `Changed the sign-in factors of “${target.username}”`,
      before,
      after: input,
    }),
  );
  await batch.commit();
  await broadcastTo(ctx.env, [id], { type: 'mfa_changed', appUnlock: input.appUnlock });
  return { mfa: input };
}
