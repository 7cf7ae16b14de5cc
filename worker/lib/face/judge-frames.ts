import {
  cosine,
  FACE_RULES,
  type FaceQualityReason,
  type FaceTurn,
  isTurn,
} from '../../../schemas/face-rules';
import type { Bindings } from '../../env';
import { type Seen, seeFace } from './face-verifier';

/** Why a verification did not pass, beyond the photo's quality. */
export type FrameRefusal = FaceQualityReason | 'not_same_person' | 'no_turn';

export interface FramesVerdict {
  match: boolean;
  /** What went wrong, for the screen (empty on a match). */
  reasons: FrameRefusal[];
  /** Similarity of the straight frame to the template (null: no face to compare). */
  similarity: number | null;
}

/** A turned face shows less of itself: it only has to stay recognisably the same person. */
const TURNED_MIN_SIMILARITY = FACE_RULES.turnedMatchThreshold;

/**
 * Decides a face verification from the frames alone; nothing the browser claims counts. The
 * first frame must be a qualified, straight face matching the template; a later frame must show
 * that same face turned the way the nonce asked (a still photo held up cannot turn), close
 * enough to both the template and the straight frame.
 */
export async function judgeFrames(
  env: Bindings,
  frames: readonly Uint8Array[],
  template: readonly number[],
  turn: FaceTurn,
): Promise<FramesVerdict> {
  const [first, ...rest] = frames;
  if (!first || rest.length === 0) return { match: false, reasons: ['no_turn'], similarity: null };
  const straight = await seeFace(env, first);
  const similarity = straight.embedding ? cosine(straight.embedding, template) : null;
  const straightReasons: FrameRefusal[] = [...straight.reasons];
  if (straight.yaw !== null && Math.abs(straight.yaw) > FACE_RULES.straightYaw) {
    if (!straightReasons.includes('turned')) straightReasons.push('turned');
  }
  if (straightReasons.length > 0 || similarity === null) {
    return { match: false, reasons: straightReasons, similarity };
  }
  if (similarity < FACE_RULES.matchThreshold) {
    return { match: false, reasons: ['not_same_person'], similarity };
  }
  let sawTurn = false;
  for (const frame of rest) {
    const seen = await seeFace(env, frame);
    const verdict = turnedFrameVerdict(seen, straight, template, turn);
    if (verdict === 'not_same_person') {
      return { match: false, reasons: ['not_same_person'], similarity };
    }
    if (verdict === 'turned') sawTurn = true;
  }
  return sawTurn
    ? { match: true, reasons: [], similarity }
    : { match: false, reasons: ['no_turn'], similarity };
}

/**
 * A later frame: the asked turn by the same person, not the turn (someone else's face, or a
 * second face in view, refuses the whole verification), or neither (still turning).
 */
function turnedFrameVerdict(
  seen: Seen,
  straight: Seen,
  template: readonly number[],
  turn: FaceTurn,
): 'turned' | 'not_same_person' | 'not_turned' {
  if (seen.reasons.includes('several_faces')) return 'not_same_person';
  if (!seen.embedding || seen.yaw === null || !straight.embedding) return 'not_turned';
  const same =
    cosine(seen.embedding, template) >= TURNED_MIN_SIMILARITY &&
    cosine(seen.embedding, straight.embedding) >= TURNED_MIN_SIMILARITY;
  if (!same) return 'not_same_person';
  return isTurn(seen.yaw, turn) ? 'turned' : 'not_turned';
}
