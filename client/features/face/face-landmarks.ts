import { yawFromEyesAndNose } from '../../../schemas/face-rules';

/**
 * What the face checks read from MediaPipe's face mesh (468 points; the model built by
 * scripts/face-model pads the output to the 478 Tasks expects with meaningless points, so only
 * indices below 468 are used). Coordinates come normalised to the image and are turned into
 * pixels here, so distances and the yaw are measured on the image as it is.
 *
 * "Right" and "left" are the person's own: in a photo that is not mirrored their right eye is
 * on the image's left. The mesh follows the face it sees, so a mirrored image swaps them, and
 * its yaw changes sign — which is what a mirrored copy of a turned face means.
 */
export type Point = readonly [number, number];

export interface NormalizedPoint {
  x: number;
  y: number;
}

/** Mesh points used: eye corners and lids (for the eye openness), the nose tip. */
const MESH = {
  rightEye: { outer: 33, inner: 133, upper: [160, 158], lower: [144, 153] },
  leftEye: { outer: 263, inner: 362, upper: [385, 387], lower: [380, 373] },
  noseTip: 1,
  meshPoints: 468,
} as const;

export interface FaceGeometry {
  /** Bounding box of the mesh in pixels. */
  box: { x: number; y: number; width: number; height: number };
  rightEye: Point;
  leftEye: Point;
  nose: Point;
  /** FACE_RULES' yaw: positive when the person turned to their own left. */
  yaw: number;
  /** Eye aspect ratio (lid gap / eye width), mean of both eyes: lower is more closed. */
  eyeOpenness: number;
  /** Angle of the eye line, for cropping the face upright. */
  roll: number;
}

function at(points: readonly NormalizedPoint[], i: number, w: number, h: number): Point {
  const p = points[i];
  if (!p) throw new Error(`face mesh point ${i} missing`);
  return [p.x * w, p.y * h];
}

const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function eyeAspect(
  points: readonly NormalizedPoint[],
  eye: (typeof MESH)['rightEye' | 'leftEye'],
  w: number,
  h: number,
): number {
  const width = dist(at(points, eye.outer, w, h), at(points, eye.inner, w, h)) || 1;
  const gaps = eye.upper.map((u, i) =>
    dist(at(points, u, w, h), at(points, eye.lower[i] as number, w, h)),
  );
  return gaps.reduce((a, b) => a + b, 0) / gaps.length / width;
}

/** Geometry of one face from its mesh, in pixels of a `width`×`height` image. */
export function faceGeometry(
  points: readonly NormalizedPoint[],
  width: number,
  height: number,
): FaceGeometry {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < MESH.meshPoints; i++) {
    const [x, y] = at(points, i, width, height);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const r = MESH.rightEye;
  const l = MESH.leftEye;
  const rightEye = mid(at(points, r.outer, width, height), at(points, r.inner, width, height));
  const leftEye = mid(at(points, l.outer, width, height), at(points, l.inner, width, height));
  const nose = at(points, MESH.noseTip, width, height);
  return {
    box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    rightEye,
    leftEye,
    nose,
    yaw: yawFromEyesAndNose(rightEye, leftEye, nose),
    eyeOpenness: (eyeAspect(points, r, width, height) + eyeAspect(points, l, width, height)) / 2,
    roll: Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]),
  };
}
