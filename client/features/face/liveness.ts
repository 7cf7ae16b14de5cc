import {
  FACE_RULES,
  type FaceQualityReason,
  type FaceTurn,
  isTurn,
} from '../../../schemas/face-rules';
import { t } from '../../i18n';
import type { FaceChecker } from './face-checker';
import { encodeJpeg, photoCanvas } from './face-photo';
import { PHOTO_RULES } from './face-quality-rules';

/**
 * The liveness challenge in the browser: a straight frame, then the head turned to the side
 * the server's nonce asked for. The browser only gathers the frames; the Worker finds the
 * face in each itself and decides (DESIGN §3.7), so nothing here is trusted by it.
 */
export type LivenessStep = 'straight' | 'turn' | 'done';

export interface LivenessProgress {
  step: LivenessStep;
  /** The instruction to show. */
  text: string;
  /** What keeps the current frame from counting, if anything. */
  reasons: FaceQualityReason[];
  /** 0 → 1: how far along the challenge is (for a progress bar). */
  progress: number;
}

export interface LivenessOptions {
  turn: FaceTurn;
  onProgress?: (p: LivenessProgress) => void;
  signal?: AbortSignal;
  /** Give up after this long (default 45 s). */
  timeoutMs?: number;
}

export class LivenessError extends Error {
  constructor(
    readonly code: 'timeout' | 'aborted',
    /** What was wrong with the last frames, to say what to fix. */
    readonly reasons: FaceQualityReason[],
  ) {
    super(code === 'timeout' ? t('face.liveness.timeout') : t('face.liveness.aborted'));
  }
}

/** The instruction for a step, in the reader's language. */
export const livenessText = (step: LivenessStep, turn: FaceTurn) =>
  step === 'straight'
    ? t('face.liveness.straight')
    : step === 'turn'
      ? t(`face.liveness.${turn}`)
      : t('face.liveness.done');

/**
 * The turned frame must clear FACE_RULES.turnedYaw by this much as the browser measures it:
 * the Worker measures the yaw again with its own detector, which differs by a few hundredths.
 */
export const TURN_MARGIN = 0.05;
/** A full check (light, sharpness, on a still) at most this often while waiting. */
const FULL_CHECK_EVERY_MS = 250;

function nextFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}

/** Runs the challenge on a playing camera `video`; resolves with [straight, turned] JPEGs. */
export async function runLiveness(
  video: HTMLVideoElement,
  checker: FaceChecker,
  options: LivenessOptions,
): Promise<{ frames: Blob[] }> {
  const { turn, onProgress, signal } = options;
  const deadline = performance.now() + (options.timeoutMs ?? 45_000);
  const tracker = await checker.videoTracker();
  const frames: Blob[] = [];
  let step: LivenessStep = 'straight';
  let reasons: FaceQualityReason[] = [];
  let lastFullCheck = 0;

  const report = () => {
    const text = livenessText(step, turn);
    onProgress?.({ step, text, reasons, progress: frames.length / FACE_RULES.minFrames });
  };
  report();

  while (step !== 'done') {
    if (signal?.aborted) throw new LivenessError('aborted', reasons);
    if (performance.now() > deadline) throw new LivenessError('timeout', reasons);
    await nextFrame(video);
    const found = tracker.detect(video, performance.now());
    const face = found.geometry;
    const previous = reasons.join();
    if (!face) reasons = ['no_face'];
    else if (found.faces > 1) reasons = ['several_faces'];
    else if (
      face.box.width < PHOTO_RULES.minFaceWidth ||
      face.box.width / found.width < PHOTO_RULES.minFaceShare
    )
      reasons = ['too_small'];
    else if (step === 'straight' && Math.abs(face.yaw) > FACE_RULES.straightYaw)
      reasons = ['turned'];
    else if (step === 'turn' && !isTurn(face.yaw, turn)) reasons = [];
    else if (performance.now() - lastFullCheck >= FULL_CHECK_EVERY_MS) {
      // A candidate: check the still that would be sent, as the enrolment photo is checked.
      lastFullCheck = performance.now();
      const canvas = await photoCanvas(video);
      const check = checker.checkCanvas(canvas);
      if (step === 'straight') reasons = check.reasons;
      else {
        // Turned, the far eye looks narrow: eye openness is judged on the straight frame.
        reasons = check.reasons.filter((r) => r !== 'turned' && r !== 'eyes_closed');
        const margin = turn === 'left' ? TURN_MARGIN : -TURN_MARGIN;
        if (reasons.length === 0 && !isTurn((check.metrics?.yaw ?? 0) - margin, turn)) continue;
      }
      if (reasons.length === 0) {
        frames.push(await encodeJpeg(canvas));
        step = step === 'straight' ? 'turn' : 'done';
        report();
        continue;
      }
    }
    if (reasons.join() !== previous) report();
  }
  return { frames };
}
