import {
  FACE_QUALITY_REASONS,
  FACE_REASON_TEXT,
  type FaceQualityReason,
  type FaceTurn,
} from '../../../schemas/face-rules';
import type { ApiClientError } from '../../lib/api';
import { detailNumber } from '../auth/code-errors';

const isQualityReason = (value: unknown): value is FaceQualityReason =>
  (FACE_QUALITY_REASONS as readonly unknown[]).includes(value);

/**
 * One reason the server gave for a refused face check, in words. Beyond what to fix in the
 * straight picture the server says only `not_verified`, never which check failed (that would
 * tell someone trying photos whether the face matched), so neither do these words.
 */
function refusalText(reason: unknown, turn: FaceTurn): string | null {
  if (reason === 'not_verified') {
    return `Only the face enrolled for this account is let in: look straight at the camera, then turn your head to your ${turn} when asked.`;
  }
  return isQualityReason(reason) ? FACE_REASON_TEXT[reason] : null;
}

/**
 * FACE_MISMATCH in words: the server's reasons (details.reasons) and the tries left
 * (details.failuresLeft), branching on data, never on the message.
 */
export function faceMismatchMessage(error: ApiClientError, turn: FaceTurn): string {
  const reasons = Array.isArray(error.details?.reasons) ? error.details.reasons : [];
  const words = [...new Set(reasons.map((r) => refusalText(r, turn)))].filter(Boolean);
  const left = detailNumber(error, 'failuresLeft');
  const tries =
    left === undefined
      ? ''
      : left === 1
        ? ' 1 try left: after one more failure face recognition is blocked, and a locked APP signs out.'
        : ` ${left} tries left.`;
  return `Face not recognised. ${words.join(' ') || 'Try again.'}${tries}`;
}
