/**
 * Face recognition rules as plain data (no zod): shared by the Worker, which decides, and the
 * screens, which check a photo before sending it and say in words what to fix.
 */

/** Why a photo or frame is not good enough to enrol or verify with. */
export const FACE_QUALITY_REASONS = [
  'no_face',
  'several_faces',
  'too_small',
  'turned',
  'eyes_closed',
  'too_dark',
  'blurred',
  'unsupported_image',
] as const;
export type FaceQualityReason = (typeof FACE_QUALITY_REASONS)[number];

/** What to fix, in words a person in front of a camera understands. */
export const FACE_REASON_TEXT: Record<FaceQualityReason, string> = {
  no_face: 'No face was found. Face the camera in good light.',
  several_faces: 'More than one face is in the picture. Make sure only you are in it.',
  too_small: 'The face is too small. Come closer to the camera.',
  turned: 'The face is turned away. Look straight at the camera.',
  eyes_closed: 'The eyes look closed. Keep your eyes open.',
  too_dark: 'The picture is too dark. Find more light.',
  blurred: 'The picture is blurred. Hold still, or clean the lens.',
  unsupported_image: 'This file cannot be read. Use a JPEG or PNG photo up to 1920 × 1080.',
};

export const FACE_RULES = {
  /**
   * Cosine similarity from which two faces are the same person: the lowest with no false accept
   * on the calibration set (bench/results/face-calibration.json; `npm run face:calibrate`).
   */
  matchThreshold: 0.63,
  /**
   * A turned frame shows less of the face: it must stay this similar (to the template and to the
   * straight frame) to count as the same person turning. Measured on 640×480 camera frames: a
   * turned face scored 0.42–0.71 against the same person's straight frame, other people
   * 0.32–0.38 (turned photos of the calibration set: at most 0.48 against anyone else). A
   * second line only: the straight frame must pass `matchThreshold`.
   */
  turnedMatchThreshold: 0.4,
  /** A photo or frame the Worker accepts: JPEG or PNG, at most this many bytes … */
  maxImageBytes: 4 * 1024 * 1024,
  /** … and at most this size (larger is refused as unsupported_image). */
  maxWidth: 1920,
  maxHeight: 1080,
  /** A verification sends this many frames: the first looks straight, the others turn. */
  minFrames: 2,
  maxFrames: 4,
  /** A nonce serves one verification, within this time of being issued. */
  nonceLifetimeSeconds: 120,
  /** Failed face verifications in a row after which face is refused: use another factor. */
  maxFailures: 5,
  /**
   * Head turn, as the nose's offset from the eyes' midpoint along the eye line in eye
   * distances (positive: the person turned to their own left; the sign does not depend on a
   * mirrored preview). A straight frame stays within `straightYaw`; a turned frame reaches
   * `turnedYaw` in the asked direction.
   */
  straightYaw: 0.25,
  turnedYaw: 0.3,
  /**
   * Sharpness (variance of the Laplacian of the face crop, schemas/face-image-stats.ts) an
   * enrolment photo needs; the same in the browser and the Worker. The verifier's own floor for
   * a verification frame is lower (15): a camera frame in motion is softer than a photo.
   */
  enrolMinSharpness: 20,
} as const;

/** The head turn a verification asks for: to the person's own left or right. */
export const FACE_TURNS = ['left', 'right'] as const;
export type FaceTurn = (typeof FACE_TURNS)[number];

/** Nose offset (see FACE_RULES) from the subject's right eye, left eye and nose tip. */
export function yawFromEyesAndNose(
  rightEye: readonly [number, number],
  leftEye: readonly [number, number],
  nose: readonly [number, number],
): number {
  const ex = leftEye[0] - rightEye[0];
  const ey = leftEye[1] - rightEye[1];
  const d2 = ex * ex + ey * ey || 1;
  const mx = (leftEye[0] + rightEye[0]) / 2;
  const my = (leftEye[1] + rightEye[1]) / 2;
  return ((nose[0] - mx) * ex + (nose[1] - my) * ey) / d2;
}

/** Whether a yaw is the asked turn (positive yaw: the person's own left). */
export function isTurn(yaw: number, turn: FaceTurn): boolean {
  return turn === 'left' ? yaw >= FACE_RULES.turnedYaw : yaw <= -FACE_RULES.turnedYaw;
}

/** Cosine similarity of two embeddings (1: same direction; 0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
