import {
  FACE_QUALITY_REASONS,
  type FaceQualityReason,
  type FaceTurn,
} from '../../../schemas/face-rules';
import { t } from '../../i18n';
import type { ApiClientError } from '../../lib/api';
import { detailNumber } from '../auth/code-errors';
import { sentences } from '../auth/sentences';

const isQualityReason = (value: unknown): value is FaceQualityReason =>
  (FACE_QUALITY_REASONS as readonly unknown[]).includes(value);

/**
 * One reason the server gave for a refused face check, in words. Beyond what to fix in the
 * straight picture the server says only `not_verified`, never which check failed (that would
 * tell someone trying photos whether the face matched), so neither do these words.
 */
function refusalText(reason: unknown, turn: FaceTurn): string | null {
  if (reason === 'not_verified') {
    return t('app.face.notVerified', { side: t(`app.face.${turn}`) });
  }
  return isQualityReason(reason) ? t(`face.reasons.${reason}`) : null;
}

/**
 * FACE_MISMATCH in words: the server's reasons (details.reasons) and the tries left
 * (details.failuresLeft), branching on data, never on the message.
 */
export function faceMismatchMessage(error: ApiClientError, turn: FaceTurn): string {
  const reasons = Array.isArray(error.details?.reasons) ? error.details.reasons : [];
  const words = [...new Set(reasons.map((r) => refusalText(r, turn)))].filter((w): w is string =>
    Boolean(w),
  );
  const left = detailNumber(error, 'failuresLeft');
  const tries =
    left === undefined ? null : left === 1 ? t('app.face.lastTry') : t('app.face.triesLeft', left);
  return sentences(
    t('app.face.notRecognised'),
    ...(words.length > 0 ? words : [t('common.retry')]),
    tries,
  );
}
