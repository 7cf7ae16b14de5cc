import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { buildFaceLandmarkerTask } from './face-landmarker-task.ts';

/**
 * Serves the face checks' runtime files as hashed assets of the client build (assets/…,
 * immutable like every other asset): the `face_landmarker.task` assembled from npm packages
 * at build time (never committed, never downloaded at run time) and tasks-vision's wasm.
 *
 * The client imports them from `virtual:face-assets`, which only the lazily loaded face code
 * does, so none of them is requested before a face screen opens. Both wasm builds are
 * emitted: tasks-vision picks the SIMD one when the browser has wasm SIMD, the other on old
 * Safari; a browser downloads one.
 */
export const FACE_ASSETS_MODULE = 'virtual:face-assets';
const RESOLVED = `\0${FACE_ASSETS_MODULE}`;

const require = createRequire(import.meta.url);

export function faceAssets(): Plugin {
  let task: Uint8Array | null = null;
  return {
    name: 'gatehouse:face-assets',
    resolveId(id) {
      return id === FACE_ASSETS_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      if (this.meta.watchMode) {
        this.error(`${FACE_ASSETS_MODULE} is built by \`vite build\` only`);
      }
      task ??= buildFaceLandmarkerTask();
      const url = (name: string, source: Uint8Array) =>
        `import.meta.ROLLUP_FILE_URL_${this.emitFile({ type: 'asset', name, source })}`;
      const wasm = (name: string) =>
        url(name, readFileSync(require.resolve(`@mediapipe/tasks-vision/${name}`)));
      return [
        `export const faceLandmarkerTask = ${url('face_landmarker.task', task)};`,
        'export const visionWasm = {',
        `  simd: { loader: ${wasm('vision_wasm_internal.js')}, binary: ${wasm('vision_wasm_internal.wasm')} },`,
        `  noSimd: { loader: ${wasm('vision_wasm_nosimd_internal.js')}, binary: ${wasm('vision_wasm_nosimd_internal.wasm')} },`,
        '};',
      ].join('\n');
    },
  };
}
