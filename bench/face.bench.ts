/**
 * Face verification time in workerd: the verifier Worker under `wrangler dev`, warm, timed from
 * Node around POST /embed (decode + detect + describe + HTTP on loopback), with the Worker's own
 * split of the time, and the memory of the workerd process that runs only the verifier (its
 * peak resident set, VmHWM, an upper bound of the isolate's) and of the wasm heap.
 *
 *   npm run bench:face        → bench/results/face-bench.json
 *
 * Inputs: "frames", 480×480 JPEGs (quality 90) cut from ../shared/faces, the size a client
 * should send; and, for reference, every file of the set as calibration sends it (as it is, or
 * scaled to 1280 px when over the verifier's 1920×1080 limit).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  asUpload,
  encodeJpeg,
  loadFaceSet,
  startFaceVerifier,
  type VerifierResponse,
} from '../scripts/lib/face-verifier';
import { stopGroupsOnSignals } from '../scripts/lib/process-group';
import { cropRotated, decodeImage } from '../verifier/image';
import { gitCommit } from './git-commit';
import { summarize } from './stats';

const OUT = resolve(import.meta.dirname, 'results/face-bench.json');
const RUNS = Number(process.env.FACE_BENCH_RUNS ?? 40);
const FRAME = 480;

/** A FRAME×FRAME JPEG of the middle of a set image (the whole face for the set's photos). */
function frameOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const img = decodeImage(bytes, 50e6);
  const side = Math.min(img.width, img.height);
  const rgb = cropRotated(img, img.width / 2, img.height / 2, side, 0, FRAME);
  return encodeJpeg({ width: FRAME, height: FRAME, data: Uint8Array.from(rgb) }, 90);
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const stat = (xs: number[]) => {
  const s = summarize(xs);
  return { n: s.n, median: r1(s.median), p95: r1(s.p95) };
};

async function main() {
  stopGroupsOnSignals();
  const set = loadFaceSet();
  const frames = set.filter((_, i) => i % 9 === 0).map((img) => frameOf(img.bytes));
  const verifier = await startFaceVerifier();
  try {
    const idle = verifier.workerdMemory();
    const t0 = performance.now();
    const first = await verifier.embed(frames[0] as Uint8Array<ArrayBuffer>);
    const cold = { totalMs: r1(performance.now() - t0), modelLoadMs: r1(first.ms.load) };
    for (let i = 0; i < 3; i++)
      await verifier.embed(frames[i % frames.length] as Uint8Array<ArrayBuffer>);

    const runFrames = async () => {
      const wall: number[] = [];
      const server: VerifierResponse['ms'][] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = await verifier.embed(frames[i % frames.length] as Uint8Array<ArrayBuffer>);
        wall.push(performance.now() - t);
        server.push(r.ms);
      }
      return {
        wall: stat(wall),
        decode: stat(server.map((m) => m.decode)),
        detect: stat(server.map((m) => m.detect)),
        describe: stat(server.map((m) => m.describe)),
      };
    };
    const warmFrames = await runFrames();

    const wallSet: number[] = [];
    let heap = 0;
    for (const img of set) {
      const t = performance.now();
      const r = await verifier.embed(asUpload(img.bytes));
      wallSet.push(performance.now() - t);
      heap = Math.max(heap, r.wasmHeapBytes);
    }
    const after = verifier.workerdMemory();
    const report = {
      commit: gitCommit(),
      date: new Date().toISOString(),
      runtime: 'workerd via wrangler dev (local), verifier/wrangler.jsonc',
      machine: 'shared 2-core VM; other jobs were running',
      frames: {
        count: frames.length,
        size: `${FRAME}x${FRAME} JPEG q90`,
        runs: RUNS,
        ...warmFrames,
      },
      setFilesAsIs: { ...stat(wallSet) },
      cold,
      memory: {
        method:
          'VmHWM/VmRSS of the workerd process (it runs only this Worker) from /proc; wasm heap = tfjs wasm linear memory',
        workerdIdleRssMb: idle ? r1(idle.currentKb / 1024) : null,
        workerdPeakRssMb: after ? r1(after.peakKb / 1024) : null,
        workerdRssAfterMb: after ? r1(after.currentKb / 1024) : null,
        wasmHeapMb: r1(heap / 2 ** 20),
      },
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await verifier.stop();
  }
}

await main();
