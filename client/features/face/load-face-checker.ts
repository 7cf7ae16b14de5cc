import type { FaceChecker } from './face-checker';

export type {
  FaceCheck,
  FaceChecker,
  FaceMetrics,
  FrameFace,
  PhotoCheck,
  VideoTracker,
} from './face-checker';

let loading: Promise<FaceChecker> | null = null;

/**
 * The face checks, loaded on first use: MediaPipe's code (~160 kB), its wasm (~13 MB) and the
 * model (~1.5 MB) are fetched only when a face screen asks, never with the console or the
 * APP's shell (vite.config.ts keeps the chunk out of the APP's precache). One checker serves
 * the whole page; a failed load may be retried.
 */
export function loadFaceChecker(): Promise<FaceChecker> {
  loading ??= import('./face-checker')
    .then((m) => m.createFaceChecker())
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}
