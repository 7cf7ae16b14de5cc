/**
 * A page for test/e2e/face-checks.e2e.test.ts only (never part of the product build): it
 * exposes the face pieces to the test and mounts the components for screenshots, built by the
 * test with the product's Vite plugins and served under the product's CSP.
 */
import '../../../client/ui/styles.css';
import { closeCamera, openCamera } from '../../../client/features/face/camera';
import { type LivenessProgress, runLiveness } from '../../../client/features/face/liveness';
import { loadFaceChecker } from '../../../client/features/face/load-face-checker';
import type { FaceTurn } from '../../../schemas/face-rules';

type Variant = 'none' | 'dark' | 'blur' | 'mirror';

/** A fixture drawn into a canvas, optionally darkened, blurred or mirrored. */
async function fixture(url: string, variant: Variant): Promise<Blob> {
  const blob = await (await fetch(url)).blob();
  if (variant === 'none') return blob;
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  if (variant === 'dark') ctx.filter = 'brightness(0.2)';
  if (variant === 'blur') ctx.filter = `blur(${Math.max(3, bitmap.width / 120)}px)`;
  if (variant === 'mirror') {
    ctx.translate(bitmap.width, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(bitmap, 0, 0);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
}

const harness = {
  async check(url: string, variant: Variant = 'none') {
    const checker = await loadFaceChecker();
    const started = performance.now();
    const result = await checker.checkPhoto(await fixture(url, variant));
    return {
      reasons: result.reasons,
      metrics: result.metrics,
      jpeg: result.jpeg ? { type: result.jpeg.type, bytes: result.jpeg.size } : null,
      width: result.width,
      height: result.height,
      ms: performance.now() - started,
    };
  },

  async liveness(turn: FaceTurn, timeoutMs = 45_000) {
    const checker = await loadFaceChecker();
    const video = document.createElement('video');
    document.body.append(video);
    const stream = await openCamera(video);
    const steps: LivenessProgress[] = [];
    try {
      const { frames } = await runLiveness(video, checker, {
        turn,
        timeoutMs,
        onProgress: (p) => steps.push(p),
      });
      // Each frame checked again as a still, as the server will see it.
      const checks = [];
      for (const frame of frames) checks.push(await checker.checkPhoto(frame));
      return {
        frames: frames.map((f) => ({ type: f.type, bytes: f.size })),
        yaws: checks.map((c) => c.metrics?.yaw ?? null),
        reasons: checks.map((c) => c.reasons),
        steps: steps.map((s) => s.text),
      };
    } finally {
      closeCamera(stream, video);
      video.remove();
    }
  },
};

declare global {
  interface Window {
    faceHarness: typeof harness;
  }
}
window.faceHarness = harness;
