import { faceLandmarkerTask, visionWasm } from 'virtual:face-assets';
import {
  FaceLandmarker,
  type FaceLandmarkerResult,
  FilesetResolver,
} from '@mediapipe/tasks-vision';
import { FACE_RULES, type FaceQualityReason } from '../../../schemas/face-rules';
import { type FaceGeometry, faceGeometry } from './face-landmarks';
import { encodeJpeg, type PhotoSource, photoCanvas, UnreadableImageError } from './face-photo';
import { PHOTO_RULES } from './face-quality-rules';
import { lumaStats, STATS_SIZE } from './image-stats';

/**
 * The face checks that need MediaPipe. This module, tasks-vision and the model are loaded
 * only through `loadFaceChecker()` (load-face-checker.ts), i.e. on the face screens.
 */

/** The figures the reasons were judged from (the largest face). */
export interface FaceMetrics {
  /** Faces found (a small face far behind the person is not counted, see PHOTO_RULES). */
  faces: number;
  /** Width of the face in pixels, and as a share of the picture's width. */
  faceWidth: number;
  faceShare: number;
  yaw: number;
  eyeOpenness: number;
  luma: number;
  sharpness: number;
}

export interface FaceCheck {
  /** What to fix, worst first; empty when the picture is qualified. */
  reasons: FaceQualityReason[];
  metrics: FaceMetrics | null;
}

export interface PhotoCheck extends FaceCheck {
  /** The photo as it would be sent (JPEG within FACE_RULES' limits); null if unreadable. */
  jpeg: Blob | null;
  width: number;
  height: number;
}

/** A video frame's face, found fast (tracking between frames, no light or blur figures). */
export interface FrameFace {
  faces: number;
  geometry: FaceGeometry | null;
  width: number;
  height: number;
}

export interface VideoTracker {
  /** The faces in the video's current frame (timestamps from performance.now()). */
  detect(video: HTMLVideoElement, timestampMs: number): FrameFace;
}

export interface FaceChecker {
  /** Checks a still photo and prepares the JPEG to send. */
  checkPhoto(source: PhotoSource): Promise<PhotoCheck>;
  /** Checks a canvas already at the size to send (a captured video frame). */
  checkCanvas(canvas: HTMLCanvasElement): FaceCheck;
  /** Prepares frame-by-frame detection on a camera's video (loaded on first use). */
  videoTracker(): Promise<VideoTracker>;
  close(): void;
}

/** The most faces looked for: enough to see someone beside the person. */
const MAX_FACES = 3;

function largestFirst(result: FaceLandmarkerResult, width: number, height: number) {
  const faces = result.faceLandmarks.map((points) => faceGeometry(points, width, height));
  faces.sort((a, b) => b.box.width - a.box.width);
  const largest = faces[0];
  const counted = largest
    ? faces.filter((f) => f.box.width >= PHOTO_RULES.secondFaceShare * largest.box.width).length
    : 0;
  return { largest, counted };
}

/** Luma and sharpness over the face's square, upright, scaled to the verifier's 224 px. */
function measureFace(canvas: HTMLCanvasElement, face: FaceGeometry) {
  const crop = document.createElement('canvas');
  crop.width = STATS_SIZE;
  crop.height = STATS_SIZE;
  const ctx = crop.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas.');
  // Smooth resampling, as the verifier's bilinear crop: a blocky upscale adds edges.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const side = Math.max(face.box.width, face.box.height);
  ctx.translate(STATS_SIZE / 2, STATS_SIZE / 2);
  ctx.scale(STATS_SIZE / side, STATS_SIZE / side);
  ctx.rotate(-face.roll);
  ctx.drawImage(canvas, -(face.box.x + face.box.width / 2), -(face.box.y + face.box.height / 2));
  return lumaStats(ctx.getImageData(0, 0, STATS_SIZE, STATS_SIZE).data, STATS_SIZE);
}

/** The reasons for one picture, in the order a person should fix them. */
export function judge(metrics: FaceMetrics): FaceQualityReason[] {
  const reasons: FaceQualityReason[] = [];
  if (metrics.faces === 0) return ['no_face'];
  if (metrics.faces > 1) reasons.push('several_faces');
  if (metrics.faceWidth < PHOTO_RULES.minFaceWidth || metrics.faceShare < PHOTO_RULES.minFaceShare)
    reasons.push('too_small');
  if (Math.abs(metrics.yaw) > FACE_RULES.straightYaw) reasons.push('turned');
  if (metrics.eyeOpenness < PHOTO_RULES.minEyeOpenness) reasons.push('eyes_closed');
  if (metrics.luma < PHOTO_RULES.minLuma) reasons.push('too_dark');
  // A dark picture is also flat; say the one thing to fix first.
  else if (metrics.sharpness < PHOTO_RULES.minSharpness) reasons.push('blurred');
  return reasons;
}

export async function createFaceChecker(): Promise<FaceChecker> {
  const wasm = (await FilesetResolver.isSimdSupported()) ? visionWasm.simd : visionWasm.noSimd;
  const fileset = { wasmLoaderPath: wasm.loader, wasmBinaryPath: wasm.binary };
  const options = {
    baseOptions: { modelAssetPath: faceLandmarkerTask, delegate: 'CPU' as const },
    numFaces: MAX_FACES,
  };
  const still = await FaceLandmarker.createFromOptions(fileset, {
    ...options,
    runningMode: 'IMAGE',
  });
  // The video landmarker tracks the face between frames instead of searching every frame.
  let video: Promise<FaceLandmarker> | null = null;
  let lastTimestamp = -1;

  const checkCanvas = (canvas: HTMLCanvasElement): FaceCheck => {
    const { largest, counted } = largestFirst(still.detect(canvas), canvas.width, canvas.height);
    if (!largest) return { reasons: ['no_face'], metrics: null };
    const { luma, sharpness } = measureFace(canvas, largest);
    const metrics: FaceMetrics = {
      faces: counted,
      faceWidth: largest.box.width,
      faceShare: largest.box.width / canvas.width,
      yaw: largest.yaw,
      eyeOpenness: largest.eyeOpenness,
      luma,
      sharpness,
    };
    return { reasons: judge(metrics), metrics };
  };

  return {
    checkCanvas,
    async checkPhoto(source) {
      let canvas: HTMLCanvasElement;
      try {
        canvas = await photoCanvas(source);
      } catch (e) {
        if (!(e instanceof UnreadableImageError)) throw e;
        return { reasons: ['unsupported_image'], metrics: null, jpeg: null, width: 0, height: 0 };
      }
      const check = checkCanvas(canvas);
      return {
        ...check,
        jpeg: await encodeJpeg(canvas),
        width: canvas.width,
        height: canvas.height,
      };
    },
    videoTracker() {
      video ??= FaceLandmarker.createFromOptions(fileset, { ...options, runningMode: 'VIDEO' });
      return video.then((landmarker) => ({
        detect(element, timestampMs) {
          // MediaPipe refuses a timestamp that does not grow.
          const ts = Math.max(timestampMs, lastTimestamp + 1);
          lastTimestamp = ts;
          const width = element.videoWidth;
          const height = element.videoHeight;
          const found = landmarker.detectForVideo(element, ts);
          const { largest, counted } = largestFirst(found, width, height);
          return { faces: counted, geometry: largest ?? null, width, height };
        },
      }));
    },
    close() {
      still.close();
      void video?.then((landmarker) => landmarker.close());
    },
  };
}
