import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { freePort } from '../../scripts/lib/ports';

export const ADMIN_PASSWORD = 'e2e-admin-Passw0rd';

export interface DevStack {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Runs the real `npm run dev` on a free port with a throwaway data folder. */
export async function startDevStack(): Promise<DevStack> {
  const root = resolve(import.meta.dirname, '../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['run', 'dev'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`npm run dev did not start:\n${output}`)),
      150_000,
    );
    const check = () => {
      if (output.includes('Gatehouse is running')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => fail(new Error(`npm run dev exited (${code}):\n${output}`)));
  });
  return {
    url: `http://localhost:${port}`,
    output: () => output,
    async stop() {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with a fresh profile and no calls home. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * The same Chromium with a profile on disk: a PWA counts as installable only outside an
 * incognito context, which is what `launchChromium`'s contexts are.
 */
export function launchPersistentChromium(
  userDataDir: string,
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** Signs in through the login page, in whichever language it speaks. */
export async function signInAt(url: string, page: Page, username: string, password: string) {
  await page.goto(url);
  await page.waitForURL('**/login');
  // By the fields' purpose, not their words: the page may speak English or Chinese.
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}
