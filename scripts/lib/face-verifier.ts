import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import jpeg from 'jpeg-js';
import type { EmbedResult } from '../../verifier/engine';
import { cropRotated, decodeImage, MAX_PIXELS } from '../../verifier/image';
import { freePort, waitForHttp } from './ports';
import { spawnGroup, stopGroup } from './process-group';

const root = resolve(import.meta.dirname, '../..');

/**
 * The face set, one folder per person: `GATEHOUSE_FACES_DIR`, else `../shared/faces` beside
 * the checkout (where the development machines keep it; it is not part of the repository).
 */
export const FACES_DIR = resolve(root, process.env.GATEHOUSE_FACES_DIR ?? '../shared/faces');

export interface FaceImage {
  person: string;
  file: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** Every JPEG/PNG of the face set, by person then file name. */
export function loadFaceSet(dir = FACES_DIR): FaceImage[] {
  const out: FaceImage[] = [];
  for (const person of readdirSync(dir, { withFileTypes: true })) {
    if (!person.isDirectory()) continue;
    for (const file of readdirSync(join(dir, person.name)).sort()) {
      if (!/\.(jpe?g|png)$/i.test(file)) continue;
      out.push({
        person: person.name,
        file,
        bytes: new Uint8Array(readFileSync(join(dir, person.name, file))),
      });
    }
  }
  return out.sort((a, b) => `${a.person}/${a.file}`.localeCompare(`${b.person}/${b.file}`));
}

/**
 * What a client would upload for a set image: the file itself when the verifier takes it
 * (≤ MAX_PIXELS), else a JPEG (q92) scaled so that its longer side is `maxSide` px.
 */
export function asUpload(bytes: Uint8Array<ArrayBuffer>, maxSide = 1280): Uint8Array<ArrayBuffer> {
  const img = decodeImage(bytes, 50e6);
  if (img.width * img.height <= MAX_PIXELS) return bytes;
  const k = maxSide / Math.max(img.width, img.height);
  return encodeJpeg(scaled(img, Math.round(img.width * k), Math.round(img.height * k)), 92);
}

/** `img` resampled (bilinear, via square tiles of cropRotated) to `w`×`h`. */
function scaled(img: ReturnType<typeof decodeImage>, w: number, h: number) {
  const side = Math.max(w, h);
  const k = Math.max(img.width, img.height) / side;
  const square = cropRotated(img, (side * k) / 2, (side * k) / 2, side * k, 0, side);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = square[(y * side + x) * 3 + c] ?? 0;
  return { width: w, height: h, data };
}

/** A JPEG of an RGB image. */
export function encodeJpeg(
  img: { width: number; height: number; data: Uint8Array },
  quality: number,
): Uint8Array<ArrayBuffer> {
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let i = 0; i < img.width * img.height; i++) {
    rgba[i * 4] = img.data[i * 3] ?? 0;
    rgba[i * 4 + 1] = img.data[i * 3 + 1] ?? 0;
    rgba[i * 4 + 2] = img.data[i * 3 + 2] ?? 0;
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(
    jpeg.encode({ data: rgba, width: img.width, height: img.height }, quality).data,
  );
}

export interface VerifierResponse extends EmbedResult {
  ms: EmbedResult['ms'] & { load: number };
  wasmHeapBytes: number;
}

export interface RunningVerifier {
  url: string;
  embed(bytes: Uint8Array<ArrayBuffer>): Promise<VerifierResponse>;
  /** Peak and current resident memory (kB) of the workerd process that runs the verifier. */
  workerdMemory(): { peakKb: number; currentKb: number } | null;
  stop(): Promise<void>;
}

function descendants(pid: number): number[] {
  try {
    const kids = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

/**
 * Starts the face verifier Worker (verifier/wrangler.jsonc) under `wrangler dev` (local workerd,
 * in its own process group) and talks to its test-and-bench HTTP route, POST /embed.
 */
export async function startFaceVerifier(
  opts: { withCaller?: boolean } = {},
): Promise<RunningVerifier> {
  const port = await freePort();
  // With the caller (test/face/caller, a stand-in for the API), it is the one on `port` and
  // reaches the verifier over the service binding, as the API will.
  const configs = opts.withCaller
    ? ['-c', 'test/face/caller/wrangler.jsonc', '-c', 'verifier/wrangler.jsonc']
    : ['-c', 'verifier/wrangler.jsonc'];
  const child = spawnGroup(
    join(root, 'node_modules/.bin/wrangler'),
    [
      'dev',
      ...configs,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--show-interactive-dev-session=false',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`wrangler dev exited (code ${code})`))),
    );
    exited.catch(() => {});
    await Promise.race([waitForHttp(`${url}/`, 120_000), exited]);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${String(error)}\n${output}`);
  }
  return {
    url,
    async embed(bytes) {
      const res = await fetch(`${url}/embed`, { method: 'POST', body: bytes });
      const body = (await res.json()) as VerifierResponse & { error?: string };
      if (!res.ok) throw new Error(`verifier: ${res.status} ${body.error ?? ''}`);
      return body;
    },
    workerdMemory() {
      if (!child.pid) return null;
      for (const pid of descendants(child.pid)) {
        let status: string;
        try {
          status = readFileSync(`/proc/${pid}/status`, 'utf8');
        } catch {
          continue;
        }
        if (!/^Name:\s*workerd/m.test(status)) continue;
        const kb = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(status)?.[1]);
        return { peakKb: kb('VmHWM'), currentKb: kb('VmRSS') };
      }
      return null;
    },
    stop: () => stopGroup(child),
  };
}
