import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import solid from 'vite-plugin-solid';
import { faceAssets } from '../../../scripts/face-model/vite-plugin';

/** Builds the harness page with the product's face plugin into a temporary folder. */
export async function buildFaceHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'h-face-harness-'));
  await build({
    configFile: false,
    root: resolve(import.meta.dirname),
    logLevel: 'warn',
    plugins: [solid(), faceAssets()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}
