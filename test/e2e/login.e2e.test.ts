import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

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

const signIn = (page: Page, username: string, password: string) =>
  signInAt(stack.url, page, username, password);

describe('signing in to the console', () => {
  it('shows an error for a wrong password and stays on the login page', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    await signIn(page, 'admin', 'not the password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('username or password is incorrect');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: `${SHOTS}/login-error.png` });
    await context.close();
  });

  it('lets the seeded admin in: header, company tree and content, then signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('401')) problems.push(m.text());
    });
    await page.goto(`${stack.url}/login`);
    await page.screenshot({ path: `${SHOTS}/login.png` });
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Welcome, Gatehouse Admin');
    const tree = page.getByRole('complementary', { name: 'Company tree' });
    await expect.poll(() => tree.textContent()).toContain('Berlin Branch');
    expect(await tree.textContent()).toContain('Northwind Group');
    await page.screenshot({ path: `${SHOTS}/shell.png` });
    // Nothing the page does trips the content security policy or throws.
    expect(problems).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto(stack.url);
    await page.waitForURL('**/login');
    await context.close();
  });

  it('shows a restricted user only the modules it holds', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    await signIn(page, 'lucas.martin', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);
    const nav = page.getByRole('navigation', { name: 'Modules' });
    await expect.poll(() => nav.textContent()).toContain('Monitor');
    const text = (await nav.textContent()) ?? '';
    expect(text).toContain('Alerts');
    expect(text).not.toContain('Organization');
    expect(text).not.toContain('Reports');
    await context.close();
  });

  it('gives a branch manager without “View roles” a working new-user form, and says when a user is out of scope', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    const page = await context.newPage();
    await signIn(page, 'emma.weber', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);
    await page.goto(`${stack.url}/users/new`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('New user');
    // Her own account expires: the form starts at her date, not at a "never" she cannot give.
    expect(await page.locator('input[name=expiresOn]').inputValue()).not.toBe('');
    expect(await page.getByText('You cannot see roles').count()).toBe(1);
    await page.goto(`${stack.url}/users/us_NoSuchUser00000`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('User not found');
    await context.close();
  });

  it('returns a second open screen to the login page live when the session signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const first = await context.newPage();
    await signIn(first, 'admin', ADMIN_PASSWORD);
    await first.waitForURL(`${stack.url}/`);
    const second = await context.newPage();
    await second.goto(stack.url);
    await expect
      .poll(() => second.getByRole('heading', { level: 1 }).textContent())
      .toContain('Welcome');
    // Give the second screen's socket a moment to open before the session ends.
    await second.waitForTimeout(300);
    await first.getByRole('button', { name: 'Sign out' }).click();
    await second.waitForURL('**/login', { timeout: 5000 });
    await context.close();
  });
});
