import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/** Builds the SolidJS client into dist/client, which wrangler serves as the Worker's assets. */
export async function buildClient(): Promise<void> {
  await build({
    root: join(root, 'client'),
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
  });
}

/**
 * Builds the client only when dist/client is missing: wrangler refuses to start without it,
 * and the API a bench measures does not depend on its content.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (!existsSync(join(root, 'dist/client/index.html'))) await buildClient();
}
