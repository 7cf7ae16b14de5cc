import { defineConfig } from 'vitest/config';

/**
 * Unit tier: pure functions in Node, no services; and what the production build holds
 * (test/build: wrangler's dry-run bundle, no services either).
 */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['**/*.unit.test.ts', 'test/build/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
  },
});
