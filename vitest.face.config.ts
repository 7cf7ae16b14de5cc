import { defineConfig } from 'vitest/config';

/**
 * Face verifier tier (not part of `npm test`: it runs the models, ~30 s on a small machine).
 * Node tests that start the verifier Worker under `wrangler dev` (workerd) and post images.
 */
export default defineConfig({
  test: {
    name: 'face',
    include: ['test/face/**/*.face.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 150_000,
  },
});
