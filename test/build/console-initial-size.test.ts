import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Issue 11: the console's first load stays within 80 kB of gzip JavaScript, so a phone on a
 * slow line shows the sign-in quickly. Reads the built page (run `npm run build` first), takes
 * its entry script and modulepreload links, follows the static imports of every file it loads,
 * and sums their gzip sizes. Lazy pages (import()) and the Chinese catalog are not counted:
 * they load when needed.
 */
const LIMIT_BYTES = 80 * 1024;
const CLIENT = resolve(import.meta.dirname, '../../dist/client');
const PAGE = join(CLIENT, 'index.html');

/** The JavaScript the console's page loads before it can draw: path → gzip bytes. */
function initialScripts(page = PAGE): Map<string, number> {
  const html = readFileSync(page, 'utf8');
  const tags = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const sizes = new Map<string, number>();
  const visit = (file: string) => {
    if (sizes.has(file)) return;
    const code = readFileSync(file);
    sizes.set(file, gzipSync(code, { level: 9 }).length);
    // Static imports only (`from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.toString('utf8').matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)) {
      visit(join(dirname(file), m[1] as string));
    }
  };
  for (const src of tags) visit(join(CLIENT, src.replace(/^\//, '')));
  return sizes;
}

describe('the console build', () => {
  it('loads at most 80 kB of gzip JavaScript before its first screen', () => {
    expect(existsSync(PAGE), 'dist/client/index.html is missing: run `npm run build`').toBe(true);
    const sizes = initialScripts();
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const listing = [...sizes]
      .sort((a, b) => b[1] - a[1])
      .map(([file, bytes]) => `${file.slice(CLIENT.length + 1)} ${(bytes / 1024).toFixed(1)} kB`)
      .join('\n');
    expect(sizes.size).toBeGreaterThan(0);
    expect(total, `initial console JS, gzip:\n${listing}`).toBeLessThanOrEqual(LIMIT_BYTES);
  });

  it('leaves the Chinese catalog out of the first load', () => {
    const initial = [...initialScripts().keys()].map((f) => readFileSync(f, 'utf8')).join('\n');
    // A phrase only the zh-CN catalog holds.
    expect(initial).not.toContain('返回概览');
  });
});
