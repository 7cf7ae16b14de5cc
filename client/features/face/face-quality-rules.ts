import { FACE_RULES } from '../../../schemas/face-rules';

/**
 * Thresholds of the browser's photo checks. The Worker decides (DESIGN §3.7); these exist so a
 * person learns what to fix before sending, so they mirror the verifier's own
 * (verifier/engine.ts QUALITY) where it has one and are at least as strict. Eye openness is
 * the browser's alone: the verifier's detector has no eyelids. Measured on test/fixtures/faces
 * (test/e2e/face-checks.e2e.test.ts prints the figures).
 */
export const PHOTO_RULES = {
  /** The verifier's minimum face width in pixels of the photo it receives. */
  minFaceWidth: 80,
  /** And a face that fills a fair part of the picture: at least this share of its width. */
  minFaceShare: 0.12,
  /** A second face at least this share of the largest one's width is another person. */
  secondFaceShare: 0.5,
  /** Eye aspect ratio (lid gap / eye width) below which the eyes count as closed. */
  minEyeOpenness: 0.14,
  /** Mean luma (0–255) of the face crop; the verifier refuses below 50. */
  minLuma: 55,
  /** Variance of the Laplacian over the face crop; the verifier refuses below 15. */
  minSharpness: FACE_RULES.enrolMinSharpness,
} as const;
