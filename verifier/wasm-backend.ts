/**
 * The tfjs WebAssembly backend for workerd. workerd compiles no wasm from bytes at run time, so
 * the binary is imported as a module (wrangler: `.wasm` → CompiledWasm) and handed to the
 * Emscripten factory through `instantiateWasm`, instead of the package's fetch of a URL.
 */

import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import wasmFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js';
import simdModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm';
import * as tf from '@tensorflow/tfjs-core';

type Factory = (config: {
  instantiateWasm: (
    imports: WebAssembly.Imports,
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ) => object;
}) => Promise<EmscriptenModule>;

interface EmscriptenModule {
  cwrap: (name: string, ret: string | null, args: string[]) => unknown;
  tfjs?: Record<string, unknown>;
}

let ready: Promise<void> | undefined;
let heap: { HEAPU8?: Uint8Array } | undefined;

/** Size of the wasm backend's linear memory (bytes): tensors and the models' weights. */
export function wasmHeapBytes(): number {
  return heap?.HEAPU8?.length ?? 0;
}

/** Registers and selects the `wasm` backend (SIMD binary, one thread); idempotent. */
export function useWasmBackend(): Promise<void> {
  ready ??= (async () => {
    // Importing the package registered `wasm` with its own (fetching) loader: replace it.
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', async () => {
      const module = await (wasmFactory as unknown as Factory)({
        instantiateWasm: (imports, done) => {
          WebAssembly.instantiate(simdModule, imports).then((instance) =>
            done(instance, simdModule),
          );
          return {};
        },
      });
      heap = module as { HEAPU8?: Uint8Array };
      // What the package's own init() sets up (backend_wasm.js).
      module.tfjs = {
        init: module.cwrap('init', null, []),
        initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
        getThreadsCount: module.cwrap('get_threads_count', 'number', []),
        registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
        disposeData: module.cwrap('dispose_data', null, ['number']),
        dispose: module.cwrap('dispose', null, []),
      };
      // biome-ignore lint/suspicious/noExplicitAny: BackendWasm takes the untyped module.
      return new BackendWasm(module as any);
    });
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to start');
    await tf.ready();
  })();
  return ready;
}
