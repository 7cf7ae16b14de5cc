import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveGreeting, PHONE, submitAppSignIn } from './app-helpers';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

const SHOTS = 'test-results/screenshots';
let stack: DevStack;
let browser: Browser;
let admin: Page;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  return context.newPage();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  admin = await newPage();
  await signInAt(stack.url, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${stack.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openCompany(name: string) {
  await admin
    .getByRole('complementary', { name: 'Company tree' })
    .getByRole('link', { name, exact: true })
    .click();
  await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(name);
}

describe('disabling and enabling an account', () => {
  it('keeps its roles and direct grants: the console sends only the status', async () => {
    await openCompany('Chicago Branch');
    await admin.getByRole('link', { name: 'Edit olivia.chen' }).click();
    await admin.waitForURL(/\/users\/us_/);
    const id = admin.url().split('/users/')[1] ?? '';
    const grants = () =>
      admin.evaluate(async (userId) => {
        const res = await fetch(`/api/v1/users/${userId}`);
        const u = (await res.json()) as {
          roleIds: string[];
          permissions: string[];
          status: string;
        };
        return { roleIds: u.roleIds, permissions: u.permissions, status: u.status };
      }, id);
    const before = await grants();
    expect(before.roleIds.length).toBeGreaterThan(0);
    for (const [button, status] of [
      ['Disable account', 'disabled'],
      ['Enable account', 'active'],
    ] as const) {
      await admin
        .getByRole('button', {
          name: button === 'Disable account' ? 'Disable' : 'Enable',
          exact: true,
        })
        .click();
      await admin.getByRole('dialog').getByRole('button', { name: button }).click();
      await expect.poll(async () => (await grants()).status).toBe(status);
      const now = await grants();
      expect({ roleIds: now.roleIds, permissions: now.permissions }).toEqual({
        roleIds: before.roleIds,
        permissions: before.permissions,
      });
    }
  });
});

describe('live sessions in the browser', () => {
  it('turns exclusive login on, and a second sign-in sends the first screen to the login page by itself', async () => {
    await openCompany('Paris Branch');
    await admin.getByRole('button', { name: 'Token configuration of lucas.martin' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('switch', { name: /Exclusive Login/ }).check();
    await admin.screenshot({ path: `${SHOTS}/token-config.png` });
    await dialog.getByRole('button', { name: 'Save Configuration' }).click();
    await expect
      .poll(() => admin.locator('.toast').allTextContents())
      .toContainEqual(expect.stringContaining('Token configuration saved'));

    const first = await newPage();
    await signInAt(stack.url, first, 'lucas.martin', ADMIN_PASSWORD);
    await first.waitForURL(`${stack.url}/`);
    await expect
      .poll(() => first.getByRole('heading', { level: 1 }).textContent())
      .toContain('Welcome');
    await first.waitForTimeout(300);

    const second = await newPage();
    await signInAt(stack.url, second, 'lucas.martin', ADMIN_PASSWORD);
    await second.waitForURL(`${stack.url}/`);

    await first.waitForURL('**/login', { timeout: 3000 });
    await expect
      .poll(() => first.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('You signed in on another device.'));
    await first.screenshot({ path: `${SHOTS}/kicked.png` });
    await first.context().close();
    await second.context().close();
  });

  it('updates an open screen’s menus when an admin changes the user’s permissions', async () => {
    const user = await newPage();
    await signInAt(stack.url, user, 'olivia.chen', ADMIN_PASSWORD);
    await user.waitForURL(`${stack.url}/`);
    const nav = user.getByRole('navigation', { name: 'Modules' });
    await expect.poll(() => nav.getByRole('link').allTextContents()).not.toContain('Playback');
    await user.waitForTimeout(300);

    await openCompany('Chicago Branch');
    await admin.getByRole('main').getByRole('link', { name: 'Olivia Chen' }).click();
    const web = admin.getByRole('tree', { name: 'WEB', exact: true });
    await web.getByRole('treeitem', { name: 'Playback', exact: true }).focus();
    await admin.keyboard.press('ArrowRight');
    const tracks = web.getByRole('treeitem', { name: 'Track playback', exact: true });
    await tracks.click();
    await expect.poll(() => tracks.getAttribute('aria-checked')).toBe('true');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => admin.locator('.toast').allTextContents())
      .toContainEqual('Changes saved.');

    await expect
      .poll(() => nav.getByRole('link').allTextContents(), { timeout: 3000 })
      .toContain('Playback');
    await user.context().close();
  });

  it('lets an admin see a user’s live session and end it; the screen is told it was ended', async () => {
    const user = await newPage();
    await signInAt(stack.url, user, 'emma.weber', ADMIN_PASSWORD);
    await user.waitForURL(`${stack.url}/`);
    await user.waitForTimeout(300);

    await openCompany('Berlin Branch');
    await admin.getByRole('link', { name: 'Emma Weber' }).first().click();
    const panel = admin.getByRole('region', { name: 'Live sessions' });
    await expect.poll(() => panel.textContent()).toContain('WEB');
    await admin.screenshot({ path: `${SHOTS}/sessions.png`, fullPage: true });
    await panel.getByRole('button', { name: 'End', exact: true }).click();

    await user.waitForURL('**/login', { timeout: 3000 });
    await expect
      .poll(() => user.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('An administrator ended your session.'));
    await user.context().close();
  });

  it('tells an APP screen live when the user ends that session from another device', async () => {
    const phone = await (await browser.newContext(PHONE)).newPage();
    const greeted = liveGreeting(phone);
    await phone.goto(`${stack.url}/app/`);
    await submitAppSignIn(phone, 'olivia.chen', ADMIN_PASSWORD);
    await expect
      .poll(() => phone.getByRole('list', { name: 'APP modules' }).textContent())
      .toContain('Monitor');
    await greeted;

    const desk = await newPage();
    await signInAt(stack.url, desk, 'olivia.chen', ADMIN_PASSWORD);
    await desk.waitForURL(`${stack.url}/`);
    const panel = desk.getByRole('region', { name: 'Live sessions' });
    // End every other session of hers (an earlier test left one open too).
    const endButtons = panel.getByRole('button', { name: 'End', exact: true });
    await expect.poll(() => endButtons.count()).toBeGreaterThan(0);
    while ((await endButtons.count()) > 0) {
      const before = await endButtons.count();
      await endButtons.first().click();
      await expect.poll(() => endButtons.count()).toBe(before - 1);
    }

    await phone.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 3000 });
    await expect
      .poll(() => phone.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('ended from another of your devices'));
    await phone.context().close();
    await desk.context().close();
  });
});
