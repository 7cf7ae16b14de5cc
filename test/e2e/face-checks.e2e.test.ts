import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_RULES, isTurn } from '../../schemas/face-rules';
import { type FakeCamera, writeFakeCamera } from '../lib/fake-camera';
import { buildFaceHarness } from './face-harness/build';
import type { Variant } from './face-harness/harness-api';
import { serveStatic } from './face-harness/serve';
import { launchChromium } from './stack';

/**
 * The browser's face checks in Chromium, on the product's build plugins and CSP, without the
 * rest of the stack: the quality reasons on the fixtures, the liveness challenge on a fake
 * camera made from them, and no request leaving for another origin.
 *
 * Person A (stuart) looks straight, turns to his left (stuart5 mirrored), looks straight,
 * turns to his right (stuart5), looping: whichever turn is asked comes round.
 */
const FIXTURES = resolve(import.meta.dirname, '../fixtures/faces');
const SHOTS = 'test-results/screenshots';
const A_STRAIGHT = '/fixtures/stuart1.png';
const A_TURNED_RIGHT = '/fixtures/stuart5.png';
const B_STRAIGHT = '/fixtures/amy4.png';

let harnessDir: string;
let server: Server;
let origin: string;
let camera: FakeCamera;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const blocked: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harnessDir = await buildFaceHarness();
  const served = await serveStatic([
    { prefix: '/fixtures/', dir: FIXTURES },
    { prefix: '/', dir: harnessDir },
  ]);
  server = served.server;
  origin = served.url;
  const a = (file: string) => resolve(FIXTURES, file);
  // Half the frame's height: BlazeFace (server) and MediaPipe (browser) agree on the turn
  // there; a face filling the frame is too tight a crop for the server's detector.
  camera = writeFakeCamera([
    { image: a('stuart1.png'), seconds: 2, scale: 0.5 },
    { image: a('stuart5.png'), seconds: 1.5, scale: 0.5, mirror: true },
    { image: a('stuart1.png'), seconds: 2, scale: 0.5 },
    { image: a('stuart5.png'), seconds: 1.5, scale: 0.5 },
  ]);
  browser = await launchChromium([...camera.args, '--use-fake-ui-for-media-stream']);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) blocked.push(m.text());
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'faceHarness' in window);
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  camera?.remove();
  if (harnessDir) rmSync(harnessDir, { recursive: true, force: true });
});

const check = (url: string, variant: Variant = 'none') =>
  page.evaluate(([u, v]) => window.faceHarness.check(u as string, v as Variant), [url, variant]);

describe('photo quality', () => {
  it("accepts A's straight photo and prepares the JPEG the server takes", async () => {
    const r = await check(A_STRAIGHT);
    console.log('A straight', r.metrics);
    expect(r.reasons).toEqual([]);
    expect(r.jpeg?.type).toBe('image/jpeg');
    expect(r.jpeg?.bytes).toBeLessThanOrEqual(FACE_RULES.maxImageBytes);
    expect(Math.abs(r.metrics?.yaw ?? 1)).toBeLessThanOrEqual(FACE_RULES.straightYaw);
    expect((await check(B_STRAIGHT)).reasons).toEqual([]);
  });

  it('says what to fix', async () => {
    const two = await page.evaluate(
      (urls) => window.faceHarness.checkPair(urls),
      [A_STRAIGHT, B_STRAIGHT],
    );
    expect(two.reasons).toContain('several_faces');
    const tiny = await check(A_STRAIGHT, 'tiny');
    expect(tiny.reasons).toContain('too_small');
    const dark = await check(A_STRAIGHT, 'dark');
    expect(dark.reasons).toContain('too_dark');
    const blurred = await check(A_STRAIGHT, 'blur');
    console.log('blurred', blurred.metrics);
    expect(blurred.reasons).toContain('blurred');
    const turnedRight = await check(A_TURNED_RIGHT);
    const turnedLeft = await check(A_TURNED_RIGHT, 'mirror');
    expect(turnedRight.reasons).toContain('turned');
    expect(turnedLeft.reasons).toContain('turned');
    // The yaw's sign is the person's own side, mirrored copies turn the other way.
    expect(isTurn(turnedRight.metrics?.yaw ?? 0, 'right')).toBe(true);
    expect(isTurn(turnedLeft.metrics?.yaw ?? 0, 'left')).toBe(true);
    expect((await check('/fixtures/SOURCES.md')).reasons).toEqual(['unsupported_image']);
    console.log('figures', {
      two: two.metrics,
      tiny: tiny.metrics,
      dark: dark.metrics,
      blurred: blurred.metrics,
      turnedRight: turnedRight.metrics?.yaw,
      turnedLeft: turnedLeft.metrics?.yaw,
    });
  });
});

describe('liveness on the fake camera', () => {
  for (const turn of ['left', 'right'] as const) {
    it(`captures a straight frame, then one turned to the ${turn}`, async () => {
      const r = await page.evaluate((t) => window.faceHarness.liveness(t), turn);
      console.log(turn, r);
      expect(r.frames).toHaveLength(2);
      expect(r.frames.every((f) => f.type === 'image/jpeg')).toBe(true);
      const [straight, turned] = r.yaws;
      expect(Math.abs(straight ?? 1)).toBeLessThanOrEqual(FACE_RULES.straightYaw);
      expect(isTurn(turned ?? 0, turn)).toBe(true);
      expect(r.reasons[0]).toEqual([]);
    });
  }
});

describe('components', () => {
  const shoot = async (name: string) => {
    for (const width of [390, 1440]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
      await page.screenshot({ path: `${SHOTS}/face-${name}-${width}.png`, fullPage: true });
    }
  };

  it('enrolment: camera photo, then an upload that needs fixing', async () => {
    await page.evaluate(() => window.faceHarness.mount('enrol'));
    await shoot('enrol-start');
    await page.getByRole('button', { name: 'Take photo' }).click();
    await page.getByRole('button', { name: 'Capture' }).waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
    await shoot('enrol-camera');
    await page.getByRole('button', { name: 'Capture' }).click();
    // The fake camera may be between scenes: either verdict is a finished check.
    await page.getByText(/This photo (can|cannot) be used/).waitFor({ timeout: 30_000 });
    await page
      .getByRole('button', { name: 'Choose another' })
      .or(page.getByRole('button', { name: 'Take photo' }))
      .first()
      .waitFor();

    await page.evaluate(() => window.faceHarness.mount('enrol'));
    await page.locator('input[type=file]').setInputFiles(resolve(FIXTURES, 'stuart5.png'));
    await page.getByText('The face is turned away. Look straight at the camera.').waitFor();
    await shoot('enrol-fix');

    await page.evaluate(() => window.faceHarness.mount('enrol'));
    await page.locator('input[type=file]').setInputFiles(resolve(FIXTURES, 'stuart1.png'));
    await page.getByRole('button', { name: 'Use this photo' }).waitFor();
    await shoot('enrol-qualified');
    await page.getByRole('button', { name: 'Use this photo' }).click();
    const events = await page.evaluate(() => window.faceEvents);
    expect(events[0]?.name).toBe('qualified');
  });

  it('liveness: instruction, progress, then the frames', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.faceHarness.mount('liveness', 'left'));
    await page.getByRole('progressbar').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
    await page.screenshot({ path: `${SHOTS}/face-liveness-running-390.png`, fullPage: true });
    await page.waitForFunction(() => window.faceEvents.some((e) => e.name === 'frames'), null, {
      timeout: 50_000,
    });
    await page.screenshot({ path: `${SHOTS}/face-liveness-done-390.png`, fullPage: true });
    const events = await page.evaluate(() => window.faceEvents);
    expect(events.find((e) => e.name === 'frames')?.sizes).toHaveLength(2);
  });
});

describe('network', () => {
  it('sends nothing to another origin (the metrics call is blocked by the CSP)', () => {
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
    console.log(`${requests.length} requests, blocked by the CSP:`, blocked);
    expect(foreign).toEqual([]);
    expect(requests.some((u) => u.includes('face_landmarker') && u.endsWith('.task'))).toBe(true);
  });
});
