import { defineConfig } from 'vitest/config';

/** Browser tier: Debian's Chromium, driven by playwright-core, against `npm run dev`. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
