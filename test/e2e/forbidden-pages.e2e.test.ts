import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

/**
 * Issue 11: a console route the signed-in user may not open, or whose target does not exist,
 * used to spin on "Loading…" with uncaught errors. Each must now say which it is, promptly,
 * without a page error, under its own document title.
 */
const SHOTS = 'test-results/screenshots';
const NO_ACCESS = 'You do not have access to this page';
// Well-formed ids that name nothing, and one that is not an id at all.
const UNKNOWN_USER = '/users/us_NoSuchUser00000';
const UNKNOWN_COMPANY = '/companies/co_NoSuchCompany0';
const NOT_AN_ID = '/users/not-an-id';
// A normal wait: the state is there well before this, or the page is stuck.
const WAIT = { timeout: 5000, interval: 100 };

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

/** A signed-in page at `width` px that records every uncaught error it throws. */
async function signedIn(username: string, width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAt(stack.url, page, username, ADMIN_PASSWORD);
  await page.waitForURL(`${stack.url}/`);
  await expect.poll(() => page.title(), WAIT).toBe('Overview — Gatehouse');
  return { page, errors, close: () => context.close() };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const content = (page: Page) => page.locator('main').textContent();

async function expectState(page: Page, path: string, h1: string, title: string) {
  await page.goto(`${stack.url}${path}`);
  await expect.poll(() => heading(page), { ...WAIT, message: path }).toBe(h1);
  expect(await page.title(), path).toBe(title);
}

/** A state, not a page: nothing in the content area is still loading. */
async function expectSettled(page: Page, path: string) {
  expect(await page.locator('main').getByRole('status', { name: 'Loading' }).count(), path).toBe(0);
}

describe('pages a user may not open, or that do not exist', () => {
  it('tell a dispatcher which permission each page needs (1440 px)', async () => {
    const { page, errors, close } = await signedIn('lucas.martin', 1440);
    const needs: [string, string, string][] = [
      ['/roles', 'View roles', 'function.roles.view'],
      ['/audit', 'Read the audit log', 'function.audit.view'],
      ['/users/new', 'Create users', 'function.users.create'],
      [UNKNOWN_USER, 'View users', 'function.users.view'],
      [UNKNOWN_COMPANY, 'View companies', 'function.companies.view'],
      ['/m/reports', 'Reports', 'web.reports'],
    ];
    for (const [path, label, key] of needs) {
      await expectState(page, path, NO_ACCESS, 'No access — Gatehouse');
      await expectSettled(page, path);
      expect(await content(page), path).toContain(`“${label}” (${key})`);
    }
    await page.goto(`${stack.url}/roles`);
    await expect.poll(() => heading(page), WAIT).toBe(NO_ACCESS);
    await page.screenshot({ path: `${SHOTS}/forbidden-1440.png` });
    // The way out works, and the title follows the page back.
    await page.getByRole('link', { name: 'Back to overview' }).click();
    await expect.poll(() => heading(page), WAIT).toBe('Welcome, Lucas Martin');
    expect(await page.title()).toBe('Overview — Gatehouse');
    expect(errors).toEqual([]);
    await close();
  });

  it('tell a branch manager she cannot open roles or the audit log (390 px)', async () => {
    const { page, errors, close } = await signedIn('emma.weber', 390);
    await expectState(page, '/audit', NO_ACCESS, 'No access — Gatehouse');
    expect(await content(page)).toContain('function.audit.view');
    await expectState(page, '/roles', NO_ACCESS, 'No access — Gatehouse');
    expect(await content(page)).toContain('function.roles.view');
    await page.screenshot({ path: `${SHOTS}/forbidden-390.png`, fullPage: true });
    // What she holds still opens, titled after itself.
    await expectState(page, '/users/new', 'New user', 'New user — Gatehouse');
    expect(errors).toEqual([]);
    await close();
  });

  for (const width of [1440, 390]) {
    it(`tell the administrator an id names nothing (${width} px)`, async () => {
      const { page, errors, close } = await signedIn('admin', width);
      await expectState(page, UNKNOWN_USER, 'User not found', 'User not found — Gatehouse');
      await expectSettled(page, UNKNOWN_USER);
      await page.screenshot({ path: `${SHOTS}/not-found-user-${width}.png`, fullPage: true });
      await expectState(page, NOT_AN_ID, 'User not found', 'User not found — Gatehouse');
      await expectState(
        page,
        UNKNOWN_COMPANY,
        'Company not found',
        'Company not found — Gatehouse',
      );
      await page.screenshot({ path: `${SHOTS}/not-found-company-${width}.png`, fullPage: true });
      await expectState(page, '/m/no-such-module', 'No such module', 'No such module — Gatehouse');
      await expectState(page, '/no/such/page', 'Page not found', 'Page not found — Gatehouse');
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('says so when the API refuses a page the console thought allowed (a grant taken away)', async () => {
    const { page, errors, close } = await signedIn('admin', 1440);
    // The console still holds the old permissions; the API already answers 403 for roles.
    const refuse = '**/api/v1/roles';
    await page.route(refuse, (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'PERMISSION_REQUIRED',
            message: 'You need the permission “function.roles.view”.',
            details: { permission: 'function.roles.view' },
            requestId: 'e2e',
          },
        }),
      }),
    );
    await expectState(page, '/roles', NO_ACCESS, 'No access — Gatehouse');
    expect(await content(page)).toContain('“View roles” (function.roles.view)');
    // Leaving clears the state; once the API agrees again the page opens.
    await page.getByRole('link', { name: 'Back to overview' }).click();
    await expect.poll(() => heading(page), WAIT).toBe('Welcome, Gatehouse Admin');
    expect(await page.title()).toBe('Overview — Gatehouse');
    await page.unroute(refuse);
    await page.getByRole('complementary', { name: 'Company tree' }).getByText('Roles').click();
    await expect.poll(() => heading(page), WAIT).toBe('Roles');
    expect(await page.title()).toBe('Roles — Gatehouse');
    expect(errors).toEqual([]);
    await close();
  });

  it('titles every page the administrator opens after the page', async () => {
    const { page, errors, close } = await signedIn('admin', 1440);
    await expectState(page, '/roles', 'Roles', 'Roles — Gatehouse');
    await expectState(page, '/audit', 'Audit log', 'Audit log — Gatehouse');
    await expectState(page, '/users/new', 'New user', 'New user — Gatehouse');
    await expectState(page, '/m/reports', 'Reports', 'Reports — Gatehouse');
    // A company and a user are titled by name, also when reached by a link in the page.
    await page.goto(`${stack.url}/`);
    const tree = page.getByRole('complementary', { name: 'Company tree' });
    await tree.getByRole('link', { name: 'Chicago Branch', exact: true }).click();
    await expect.poll(() => heading(page), WAIT).toBe('Chicago Branch');
    expect(await page.title()).toBe('Chicago Branch — Gatehouse');
    await page.locator('main').getByRole('link', { name: 'Olivia Chen', exact: true }).click();
    await expect.poll(() => heading(page), WAIT).toBe('Olivia Chen');
    expect(await page.title()).toBe('Olivia Chen — Gatehouse');
    expect(errors).toEqual([]);
    await close();
  });
});
