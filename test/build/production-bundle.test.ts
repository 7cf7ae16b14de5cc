import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Strings only the development tools hold: their routes, the outbox table, the page's mark. */
const DEV_ONLY = ['/dev/outbox', '/dev/mailbox', 'dev_outbox', 'data-gatehouse-mailbox'];
/** Strings every build holds: the grep must find them, or it proves nothing. */
const ALWAYS = ['/openapi.json', 'MAIL_UNAVAILABLE'];

let dir: string;

/** The Worker bundle `wrangler deploy` would upload, built without uploading. */
async function build(name: string, extraArgs: string[] = []): Promise<string> {
  const outdir = join(dir, name);
  await run(
    join(root, 'node_modules/.bin/wrangler'),
    // An empty assets folder: the Worker's bundle does not depend on the client build.
    ['deploy', '--dry-run', '--outdir', outdir, '--assets', join(dir, 'assets'), ...extraArgs],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  return readFileSync(join(outdir, 'index.js'), 'utf8');
}

describe('the production bundle', () => {
  let production: string;
  let development: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-bundle-'));
    mkdirSync(join(dir, 'assets'));
    // One after the other: the machine is shared.
    production = await build('production');
    development = await build('development', ['--define', '__DEV_TOOLS__:true']);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds none of the development tools (dev outbox, its API, the mailbox page)', () => {
    for (const marker of ALWAYS) expect(production, marker).toContain(marker);
    for (const marker of DEV_ONLY) expect(production, marker).not.toContain(marker);
  });

  it('while a build with __DEV_TOOLS__ holds every one of them (the markers are real)', () => {
    for (const marker of [...ALWAYS, ...DEV_ONLY]) expect(development, marker).toContain(marker);
  });
});
