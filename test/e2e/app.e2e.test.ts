import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppUser,
  homeShows,
  idleUntilLocked,
  mailCount,
  meStatus,
  newPhone,
  nextCode,
  PHONE,
  submitAppSignIn,
} from './app-helpers';
import {
  ADMIN_PASSWORD,
  type DevStack,
  launchChromium,
  launchPersistentChromium,
  signInAt,
  startDevStack,
} from './stack';

const SHOTS = 'test-results/screenshots';
let stack: DevStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A screenshot at the phone's width, and the same screen at 1440 px. */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/app-${name}-390.png` });
  const phone = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/app-${name}-1440.png` });
  if (phone) await page.setViewportSize(phone);
}

describe('the APP on a phone', () => {
  it('signs in with the code emailed to the account, then shows its modules and sessions', async () => {
    const user = await createAppUser(stack.url, { appLogin: 'email' });
    const context = await newPhone(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${stack.url}/app/`);
    await page.getByLabel('Username').waitFor();
    await shoot(page, 'sign-in');

    const mails = await mailCount(stack.url, user.email);
    await submitAppSignIn(page, user.username, user.password);
    const code = page.getByLabel('Code from the email');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await expect
      .poll(() => page.locator('.code-form__sent').textContent())
      .toContain('@example.com');
    // The resend waits for its cooldown, counting down.
    await expect
      .poll(() => page.getByRole('button', { name: /send a new code in \d:\d\d/ }).isDisabled())
      .toBe(true);
    const mailed = await nextCode(stack.url, user.email, mails);
    await shoot(page, 'code');

    // A wrong code says how many tries are left; the right one opens the APP.
    await code.fill(String((Number(mailed) + 1) % 1_000_000).padStart(6, '0'));
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/4 attempts left/);
    await shoot(page, 'code-wrong');
    await code.fill(mailed);
    await homeShows(page);
    const tiles = page.getByRole('list', { name: 'APP modules' });
    expect(await tiles.getByRole('link').allTextContents()).toEqual([
      expect.stringContaining('Monitor'),
      expect.stringContaining('Alerts'),
      expect.stringContaining('Playback'),
    ]);
    await shoot(page, 'home');

    await tiles.getByRole('link', { name: /Alerts/ }).click();
    const points = page.getByRole('list', { name: 'Alerts functions' });
    await expect.poll(() => points.textContent()).toContain('Handle alerts');
    await shoot(page, 'module');

    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    const sessions = page.getByRole('region', { name: 'Your sessions' });
    await expect.poll(() => sessions.textContent()).toContain('This device');
    expect(await sessions.textContent()).toContain('APP');
    await shoot(page, 'profile');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('locks after the idle limit; the server refuses the token until the password unlocks it', async () => {
    const user = await createAppUser(stack.url, { appUnlock: 'password' });
    const context = await newPhone(browser);
    const page = await context.newPage();
    // The APP's idle timer runs on this clock: minutes pass in an instant.
    await page.clock.install();
    await page.goto(`${stack.url}/app/`);
    await submitAppSignIn(page, user.username, user.password);
    await homeShows(page);

    await idleUntilLocked(page);
    expect(await meStatus(page)).toBe(423);
    await shoot(page, 'lock');

    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/4 attempts left/);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await homeShows(page);
    expect(await meStatus(page)).toBe(200);
    await context.close();
  });

  it('unlocks with a code emailed on request, keeping the same token and live socket', async () => {
    const user = await createAppUser(stack.url, { appUnlock: 'email' });
    const context = await newPhone(browser);
    const page = await context.newPage();
    let sockets = 0;
    page.on('websocket', () => {
      sockets += 1;
    });
    await page.clock.install();
    await page.goto(`${stack.url}/app/`);
    await submitAppSignIn(page, user.username, user.password);
    await homeShows(page);
    const token = await page.evaluate(() => localStorage.getItem('gatehouse.app.token'));

    await idleUntilLocked(page);
    expect(await meStatus(page)).toBe(423);
    const mails = await mailCount(stack.url, user.email);
    await page.getByRole('button', { name: /Email me a code/ }).click();
    const code = await nextCode(stack.url, user.email, mails);
    await page.getByLabel('Code from the email').waitFor();
    await shoot(page, 'unlock-code');
    await page.getByLabel('Code from the email').fill(code);
    await homeShows(page);
    expect(await page.evaluate(() => localStorage.getItem('gatehouse.app.token'))).toBe(token);
    expect(await meStatus(page)).toBe(200);
    // The live socket opened at sign-in carried through the lock: none was opened since.
    expect(sockets).toBe(1);
    await context.close();
  });

  it('ends the session after five wrong passwords and says why on the sign-in screen', async () => {
    const user = await createAppUser(stack.url, { appUnlock: 'password' });
    const context = await newPhone(browser);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${stack.url}/app/`);
    await submitAppSignIn(page, user.username, user.password);
    await homeShows(page);
    await idleUntilLocked(page);

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('Password', { exact: true }).fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Unlock' }).click();
      if (attempt < 5) {
        const left = 5 - attempt;
        await expect
          .poll(() => page.getByRole('alert').textContent())
          .toContain(`${left} ${left === 1 ? 'attempt' : 'attempts'} left`);
      }
    }
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Too many failed unlock attempts'));
    expect(await page.evaluate(() => localStorage.getItem('gatehouse.app.token'))).toBeNull();
    await shoot(page, 'unlock-failed');
    await context.close();
  });

  it('never rides on the console’s cookie, and signing out of it leaves the console signed in', async () => {
    const context = await newPhone(browser);
    const page = await context.newPage();
    await signInAt(stack.url, page, 'olivia.chen', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);

    // The console's cookie is there, yet the APP asks for its own sign-in.
    await page.goto(`${stack.url}/app/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await submitAppSignIn(page, 'olivia.chen', ADMIN_PASSWORD);
    await homeShows(page);
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    const sessions = page.getByRole('region', { name: 'Your sessions' });
    await expect.poll(() => sessions.textContent()).toContain('WEB');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.goto(stack.url);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Welcome');
    await context.close();
  });

  it('opens a deep link to a screen, signed in', async () => {
    const user = await createAppUser(stack.url);
    const context = await newPhone(browser);
    const page = await context.newPage();
    await page.goto(`${stack.url}/app/m/alerts`);
    await submitAppSignIn(page, user.username, user.password);
    await expect
      .poll(() => page.getByRole('list', { name: 'Alerts functions' }).textContent())
      .toContain('Alert list');
    await context.close();
  });
});

describe('the APP as a PWA', () => {
  it('passes Chromium’s installability check, and its shell opens offline and says so', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'gatehouse-pwa-'));
    const context = await launchPersistentChromium(profile, PHONE);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${stack.url}/app/`);
      // Installability needs the service worker active and this page under it.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 30_000,
      });
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.errors).toEqual([]);

      // The console stays outside the worker's scope.
      const consolePage = await context.newPage();
      await consolePage.goto(`${stack.url}/login`);
      expect(await consolePage.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      await consolePage.close();

      await context.setOffline(true);
      await page.reload();
      await page.getByText('You are offline').first().waitFor();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await shoot(page, 'offline');
      // A deep link opens offline too: the worker answers every /app/ address with the shell.
      await page.goto(`${stack.url}/app/profile`);
      await page.getByText('You are offline').first().waitFor();

      await context.setOffline(false);
      await page
        .getByText('You are offline')
        .first()
        .waitFor({ state: 'detached', timeout: 20_000 });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
