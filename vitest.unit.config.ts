import { defineConfig } from 'vitest/config';

/** Unit tier: pure functions in Node, no services. */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['**/*.unit.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
  },
});
