/**
 * A page for test/e2e/face-checks.e2e.test.ts only (never part of the product build): it
 * exposes the face pieces to the test and mounts the components for screenshots, built by the
 * test with the product's Vite plugins and served under the product's CSP.
 */
import '../../../client/ui/styles.css';
import './harness.css';
import { render } from 'solid-js/web';
import { closeCamera, openCamera } from '../../../client/features/face/camera';
import { FaceEnrolCapture } from '../../../client/features/face/face-enrol-capture';
import { FaceLivenessCapture } from '../../../client/features/face/face-liveness-capture';
import { type LivenessProgress, runLiveness } from '../../../client/features/face/liveness';
import { loadFaceChecker } from '../../../client/features/face/load-face-checker';
import type { FaceTurn } from '../../../schemas/face-rules';
import type { FaceEvent, FaceHarness, Variant } from './harness-api';

/** A fixture drawn into a canvas, optionally darkened, blurred or mirrored. */
async function fixture(url: string, variant: Variant): Promise<Blob> {
  const blob = await (await fetch(url)).blob();
  if (variant === 'none') return blob;
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  if (variant === 'tiny') {
    // The photo at 90 px wide: a face of ~70 px, too few pixels to recognise it by. (A small
    // face in a large frame is not found at all by the short-range detector: "no face".)
    canvas.width = 90;
    canvas.height = Math.round((90 * bitmap.height) / bitmap.width);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return new Promise((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
  }
  if (variant === 'dark') ctx.filter = 'brightness(0.2)';
  if (variant === 'blur') ctx.filter = `blur(${Math.max(3, bitmap.width / 120)}px)`;
  if (variant === 'mirror') {
    ctx.translate(bitmap.width, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(bitmap, 0, 0);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
}

/** Two photos side by side: two people in the picture. */
async function pair(urls: string[]): Promise<Blob> {
  const bitmaps = await Promise.all(
    urls.map(async (u) => createImageBitmap(await (await fetch(u)).blob())),
  );
  const canvas = document.createElement('canvas');
  canvas.width = bitmaps.reduce((w, b) => w + b.width, 0);
  canvas.height = Math.max(...bitmaps.map((b) => b.height));
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  let x = 0;
  for (const b of bitmaps) {
    ctx.drawImage(b, x, 0);
    x += b.width;
  }
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
}

const root = document.getElementById('root') as HTMLElement;
let unmount: (() => void) | null = null;

const harness: FaceHarness = {
  async checkPair(urls: string[]) {
    const checker = await loadFaceChecker();
    const result = await checker.checkPhoto(await pair(urls));
    return { reasons: result.reasons, metrics: result.metrics };
  },

  /** Mounts a component as a screen would; events are recorded in `window.faceEvents`. */
  mount(component: 'enrol' | 'liveness', turn: FaceTurn = 'left') {
    unmount?.();
    root.replaceChildren();
    const events: FaceEvent[] = [];
    window.faceEvents = events;
    unmount = render(
      () => (
        <main class="face-harness">
          <h2>{component === 'enrol' ? 'Add a face photo' : 'Sign in with your face'}</h2>
          {component === 'enrol' ? (
            <FaceEnrolCapture
              onQualified={(jpeg) => events.push({ name: 'qualified', sizes: [jpeg.size] })}
              onCancel={() => events.push({ name: 'cancel' })}
            />
          ) : (
            <FaceLivenessCapture
              turn={turn}
              onFrames={(frames) =>
                events.push({ name: 'frames', sizes: frames.map((f) => f.size) })
              }
              onCancel={() => events.push({ name: 'cancel' })}
              cancelLabel="Use my password instead"
            />
          )}
        </main>
      ),
      root,
    );
  },

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
    document.body.appendChild(video);
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

window.faceHarness = harness;
