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

/** One reason the server gave for a refused face check, in words. */
function refusalText(reason: unknown, turn: FaceTurn): string | null {
  if (reason === 'not_same_person') return 'This is not the face enrolled for this account.';
  if (reason === 'no_turn') return `We did not see your head turn to your ${turn}.`;
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
  const tries = left === undefined ? '' : left === 1 ? ' 1 try left.' : ` ${left} tries left.`;
  return `Face not recognised. ${words.join(' ') || 'Try again.'}${tries}`;
}
