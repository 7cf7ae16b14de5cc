// What the worker tests' global setup hands to the pool (`provide` / `inject`); shared by the
// setup (Node) and the tests (workerd).
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    libsqlUrl: string;
    /** A local server standing in for Resend's API (test/worker/resend-stand-in.ts). */
    resendStandInUrl: string;
    /** Face pictures by name (test/lib/face-images.ts), base64. */
    faceImages: Record<string, string>;
  }
}
