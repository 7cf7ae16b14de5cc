import type { Bindings } from '../../env';
import { ApiError } from '../errors';
import { seeFace } from './face-verifier';

/**
 * The template of a qualified photo, or 422 FACE_NOT_QUALIFIED naming what to fix: the Worker
 * judges the photo itself, whatever the browser's checks said.
 */
export async function qualifiedFace(env: Bindings, photo: Uint8Array): Promise<number[]> {
  const seen = await seeFace(env, photo);
  if (seen.reasons.length > 0 || !seen.embedding) {
    const reasons = seen.reasons.length > 0 ? seen.reasons : ['no_face'];
    throw new ApiError('FACE_NOT_QUALIFIED', { field: 'image', details: { reasons } });
  }
  return seen.embedding;
}
