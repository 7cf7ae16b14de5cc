import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Integration tier: tests run inside workerd next to the real Worker and its Durable
 * Objects; the global setup starts a real sqld and provides its URL as LIBSQL_URL.
 */
export default defineConfig({
  // The development tools (dev mail outbox, its API and page) are built in: the tests read
  // mailed codes from the outbox. wrangler.jsonc's `define` (false) is for deploys.
  define: { __DEV_TOOLS__: 'true' },
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: './worker/index.ts',
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        // The face verifier Worker beside the API, as deployed: built by `npm run build`
        // (dist/verifier), reached through the FACE_VERIFIER service binding of wrangler.jsonc.
        workers: [
          {
            name: 'gatehouse-face-verifier',
            modules: true,
            scriptPath: './dist/verifier/index.js',
            compatibilityDate: '2026-04-20',
            modulesRules: [
              { type: 'Data', include: ['**/*.bin'] },
              { type: 'CompiledWasm', include: ['**/*.wasm'] },
            ],
          },
        ],
        bindings: {
          LIBSQL_URL: inject('libsqlUrl'),
          PASSWORD_PEPPER: 'test-pepper',
          ENVIRONMENT: 'test',
        },
      },
    })),
  ],
  test: {
    name: 'worker',
    include: ['worker/**/*.test.ts', 'test/worker/**/*.test.ts'],
    exclude: ['**/*.unit.test.ts', 'node_modules/**'],
    globalSetup: ['./test/worker/global-setup.ts'],
    testTimeout: 20_000,
  },
});
