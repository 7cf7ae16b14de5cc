import { FACE_RULES, type FaceQualityReason } from '../../../schemas/face-rules';
import type { Bindings } from '../../env';
import { ApiError } from '../errors';
import { seeFace } from './face-verifier';

/**
 * The template of a qualified photo, or 422 FACE_NOT_QUALIFIED naming what to fix: the Worker
 * judges the photo itself, whatever the browser's checks said.
 */
export async function qualifiedFace(env: Bindings, photo: Uint8Array): Promise<number[]> {
  const seen = await seeFace(env, photo);
  const reasons: FaceQualityReason[] = [...seen.reasons];
  // An enrolment photo is held to the browser's standard: straight and sharp, not merely
  // usable (a verification frame only needs the verifier's own, looser floor).
  const add = (reason: FaceQualityReason) => {
    if (!reasons.includes(reason)) reasons.push(reason);
  };
  if (seen.yaw !== null && Math.abs(seen.yaw) > FACE_RULES.straightYaw) add('turned');
  if (seen.sharpness !== null && seen.sharpness < FACE_RULES.enrolMinSharpness) add('blurred');
  if (reasons.length > 0 || !seen.embedding) {
    throw new ApiError('FACE_NOT_QUALIFIED', {
      field: 'image',
      details: { reasons: reasons.length > 0 ? reasons : ['no_face'] },
    });
  }
  return seen.embedding;
}
