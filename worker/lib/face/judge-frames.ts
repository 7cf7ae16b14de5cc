import {
  cosine,
  FACE_RULES,
  type FaceQualityReason,
  type FaceTurn,
  isTurn,
} from '../../../schemas/face-rules';
import type { Bindings } from '../../env';
import { type Seen, seeFace } from './face-verifier';

/**
 * Why a verification did not pass, as the screen may know it: what to fix in the straight
 * picture (judged without the template, so it says nothing about the match), or only that it
 * did not pass — never which check failed, which would tell someone trying photos whether the
 * face matched.
 */
export type FrameRefusal = FaceQualityReason | 'not_verified';

export interface FramesVerdict {
  match: boolean;
  reasons: FrameRefusal[];
}

const OPPOSITE: Record<FaceTurn, FaceTurn> = { left: 'right', right: 'left' };

/**
 * Decides a face verification from the frames alone; nothing the browser claims counts. The
 * first frame must be a qualified, straight face matching the template; every later frame must
 * be one readable face of that same person (close enough to both the template and the straight
 * frame), none turned the other way, and at least one turned the way the nonce asked. Every
 * frame is looked at whatever the outcome, so the time taken does not tell which check failed.
 */
export async function judgeFrames(
  env: Bindings,
  frames: readonly Uint8Array[],
  template: readonly number[],
  turn: FaceTurn,
): Promise<FramesVerdict> {
  const seen: Seen[] = [];
  for (const frame of frames) seen.push(await seeFace(env, frame));
  const [straight, ...rest] = seen;
  if (!straight || rest.length === 0) return { match: false, reasons: ['not_verified'] };
  const quality: FaceQualityReason[] = [...straight.reasons];
  if (straight.yaw !== null && Math.abs(straight.yaw) > FACE_RULES.straightYaw) {
    if (!quality.includes('turned')) quality.push('turned');
  }
  if (quality.length > 0 || !straight.embedding) {
    return { match: false, reasons: quality.length > 0 ? quality : ['no_face'] };
  }
  const matches = cosine(straight.embedding, template) >= FACE_RULES.matchThreshold;
  const verdicts = rest.map((s) => turnedFrameVerdict(s, straight, template, turn));
  const passed =
    matches && verdicts.every((v) => v !== 'refused') && verdicts.some((v) => v === 'turned');
  return passed ? { match: true, reasons: [] } : { match: false, reasons: ['not_verified'] };
}

/**
 * A later frame: the asked turn by the same person; the same person not (yet) turned; or
 * refused — unreadable, no face or several, someone else, or turned the other way.
 */
function turnedFrameVerdict(
  seen: Seen,
  straight: Seen,
  template: readonly number[],
  turn: FaceTurn,
): 'turned' | 'not_turned' | 'refused' {
  if (!seen.embedding || seen.yaw === null || !straight.embedding) return 'refused';
  if (seen.reasons.includes('several_faces') || seen.reasons.includes('unsupported_image')) {
    return 'refused';
  }
  const same =
    cosine(seen.embedding, template) >= FACE_RULES.turnedMatchThreshold &&
    cosine(seen.embedding, straight.embedding) >= FACE_RULES.turnedMatchThreshold;
  if (!same || isTurn(seen.yaw, OPPOSITE[turn])) return 'refused';
  return isTurn(seen.yaw, turn) ? 'turned' : 'not_turned';
}
