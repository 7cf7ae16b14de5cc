import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { decodeImage, type RgbImage } from '../../verifier/image';

/**
 * Chromium's fake camera from photos: `--use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=<file>.y4m` plays a Y4M file in a loop as the camera.
 * This writes one from a list of scenes (a photo shown for some seconds), each photo scaled to
 * fit and letterboxed on grey, so a test can show a face looking straight, then turned, …
 * The file is written at test time into a temporary folder (a few MB a second; never
 * committed).
 */
export interface CameraScene {
  /** A JPEG or PNG file. */
  image: string;
  seconds: number;
  /** Flip left-right: a face turned one way then looks turned the other. */
  mirror?: boolean;
  /** Height of the photo as a share of the frame's (default 0.9), to leave a margin. */
  scale?: number;
}

export interface FakeCameraOptions {
  width?: number;
  height?: number;
  fps?: number;
}

export interface FakeCamera {
  /** The .y4m file to pass to Chromium. */
  file: string;
  /** Chromium's switches for it. */
  args: string[];
  frames: number;
  remove(): void;
}

const BACKGROUND = 96;

/** One camera frame (RGB) showing `scene`'s photo. */
export function sceneFrame(scene: CameraScene, width = 640, height = 480): RgbImage {
  const src = decodeImage(readFileSync(scene.image), 64e6);
  const fit = Math.min(width / src.width, height / src.height) * (scene.scale ?? 0.9);
  const w = Math.round(src.width * fit);
  const h = Math.round(src.height * fit);
  const x0 = Math.floor((width - w) / 2);
  const y0 = Math.floor((height - h) / 2);
  const data = new Uint8Array(width * height * 3).fill(BACKGROUND);
  for (let y = 0; y < h; y++) {
    // Bilinear sampling from the photo's pixel centres.
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / fit - 0.5));
    const yA = Math.floor(sy);
    const yB = Math.min(src.height - 1, yA + 1);
    const fy = sy - yA;
    for (let x = 0; x < w; x++) {
      const sxRaw = Math.min(src.width - 1, Math.max(0, (x + 0.5) / fit - 0.5));
      const sx = scene.mirror ? src.width - 1 - sxRaw : sxRaw;
      const xA = Math.floor(sx);
      const xB = Math.min(src.width - 1, xA + 1);
      const fx = sx - xA;
      const o = ((y0 + y) * width + x0 + x) * 3;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => src.data[(yy * src.width + xx) * 3 + c] ?? 0;
        const top = p(yA, xA) * (1 - fx) + p(yA, xB) * fx;
        const bottom = p(yB, xA) * (1 - fx) + p(yB, xB) * fx;
        data[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data };
}

/** A frame as a JPEG, e.g. to send what the camera shows to the verifier. */
export function frameJpeg(frame: RgbImage, quality = 92): Uint8Array {
  const rgba = new Uint8Array(frame.width * frame.height * 4);
  for (let i = 0; i < frame.width * frame.height; i++) {
    rgba.set(frame.data.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: frame.width, height: frame.height }, quality).data;
}

/** RGB → planar YUV 4:2:0 (BT.601, studio range, as video capture delivers). */
function toI420(frame: RgbImage): Uint8Array {
  const { width: w, height: h, data } = frame;
  const out = new Uint8Array((w * h * 3) / 2);
  const u0 = w * h;
  const v0 = u0 + (w / 2) * (h / 2);
  const px = (x: number, y: number, c: number) => data[(y * w + x) * 3 + c] ?? 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      out[y * w + x] = Math.round(
        16 + 0.257 * px(x, y, 0) + 0.504 * px(x, y, 1) + 0.098 * px(x, y, 2),
      );
    }
  }
  for (let y = 0; y < h / 2; y++) {
    for (let x = 0; x < w / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        r += px(2 * x + dx, 2 * y + dy, 0) / 4;
        g += px(2 * x + dx, 2 * y + dy, 1) / 4;
        b += px(2 * x + dx, 2 * y + dy, 2) / 4;
      }
      out[u0 + y * (w / 2) + x] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[v0 + y * (w / 2) + x] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** Writes the scenes as a looping fake camera in a new temporary folder. */
export function writeFakeCamera(
  scenes: CameraScene[],
  options: FakeCameraOptions = {},
): FakeCamera {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const fps = options.fps ?? 10;
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs an even width and height');
  const dir = mkdtempSync(join(tmpdir(), 'h-face-camera-'));
  const file = join(dir, 'camera.y4m');
  const fd = openSync(file, 'w');
  let frames = 0;
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const scene of scenes) {
      const yuv = toI420(sceneFrame(scene, width, height));
      const count = Math.max(1, Math.round(scene.seconds * fps));
      for (let i = 0; i < count; i++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, yuv);
        frames++;
      }
    }
  } finally {
    closeSync(fd);
  }
  return {
    file,
    frames,
    args: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
