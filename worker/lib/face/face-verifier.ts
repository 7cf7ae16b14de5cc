import type { FaceQualityReason } from '../../../schemas/face-rules';
import type { EmbedResult } from '../../../verifier/engine';
import type { Bindings } from '../../env';
import { ApiError } from '../errors';

/** The verifier Worker's RPC as the API uses it (verifier/index.ts, entrypoint FaceVerifier). */
interface FaceVerifierRpc {
  embed(image: ArrayBuffer): Promise<EmbedResult>;
}

/**
 * The model the stored templates come from: a template of another model cannot be compared
 * (its numbers mean something else), so a change of model asks accounts to enrol again.
 */
export const FACE_MODEL = 'blazeface+faceres-1024@human-models-3.0.4';

/** What the verifier saw in one image. */
export interface Seen {
  embedding: number[] | null;
  reasons: FaceQualityReason[];
  yaw: number | null;
  /** Variance of the Laplacian of the face crop (null: no face). */
  sharpness: number | null;
}

function verifierOf(env: Bindings): FaceVerifierRpc {
  const binding = (env as { FACE_VERIFIER?: unknown }).FACE_VERIFIER;
  if (!binding) throw new ApiError('FACE_UNAVAILABLE');
  return binding as FaceVerifierRpc;
}

/**
 * Detects, aligns and describes the largest face of a JPEG or PNG in the verifier Worker. An
 * image it cannot read is `unsupported_image`; the verifier itself failing is FACE_UNAVAILABLE.
 */
export async function seeFace(env: Bindings, image: Uint8Array): Promise<Seen> {
  const verifier = verifierOf(env);
  let result: EmbedResult;
  try {
    result = await verifier.embed(image.slice().buffer);
  } catch (error) {
    console.error('face verifier failed', error);
    throw new ApiError('FACE_UNAVAILABLE');
  }
  return {
    embedding: result.embedding ?? null,
    reasons: result.quality.reasons,
    yaw: result.quality.metrics?.yaw ?? null,
    sharpness: result.quality.metrics?.laplacianVar ?? null,
  };
}
