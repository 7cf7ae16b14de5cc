import type { FaceQualityReason, FaceTurn } from '../../../schemas/face-rules';

/** What the harness page (harness.tsx) offers the test, on `window`. */
export type Variant = 'none' | 'dark' | 'blur' | 'mirror' | 'tiny';

export interface Metrics {
  faces: number;
  faceWidth: number;
  faceShare: number;
  yaw: number;
  eyeOpenness: number;
  luma: number;
  sharpness: number;
}

export interface FaceHarness {
  check(
    url: string,
    variant?: Variant,
  ): Promise<{
    reasons: FaceQualityReason[];
    metrics: Metrics | null;
    jpeg: { type: string; bytes: number } | null;
    width: number;
    height: number;
    ms: number;
  }>;
  checkPair(urls: string[]): Promise<{ reasons: FaceQualityReason[]; metrics: Metrics | null }>;
  liveness(
    turn: FaceTurn,
    timeoutMs?: number,
  ): Promise<{
    frames: { type: string; bytes: number }[];
    yaws: (number | null)[];
    reasons: FaceQualityReason[][];
    steps: string[];
  }>;
  mount(component: 'enrol' | 'liveness', turn?: FaceTurn): void;
}

export interface FaceEvent {
  name: string;
  sizes?: number[];
}

declare global {
  interface Window {
    faceHarness: FaceHarness;
    faceEvents: FaceEvent[];
  }
}
