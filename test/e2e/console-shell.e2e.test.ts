import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

/**
 * Issue 11: the console's frame on a phone (the company tree as a drawer), focus in dialogs,
 * the company name checked as typed and a duplicate said beside the field, and the language
 * picker in the header.
 */
const SHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
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

async function adminPage(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInAt(stack.url, page, 'admin', ADMIN_PASSWORD);
  await page.waitForURL(`${stack.url}/`);
  return { page, errors, close: () => context.close() };
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const pane = (page: Page) => page.getByRole('complementary', { name: 'Company tree' });
/** The focused element as "tag:name" (its aria-label, an input's value, or its text). */
const active = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const name =
      el.getAttribute('aria-label') ??
      (el instanceof HTMLInputElement ? el.value : el.textContent?.trim());
    return `${el.tagName.toLowerCase()}:${name}`;
  });

describe('the company tree on a phone', () => {
  it('is a drawer: the menu opens it with focus inside, Escape and choosing a company close it', async () => {
    const { page, errors, close } = await adminPage(PHONE);
    const menu = page.getByRole('button', { name: 'Open the company tree' });
    await menu.waitFor();
    expect(await pane(page).isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    await menu.click();
    await expect.poll(() => pane(page).isVisible()).toBe(true);
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // Focus moved into the drawer, to its search box.
    await expect.poll(() => active(page)).toBe('input:Search companies and users');
    await pane(page).getByRole('treeitem').first().waitFor();
    // The drawer slides in; shoot it once it is there.
    await pane(page).evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    await page.screenshot({ path: `${SHOTS}/drawer-open-390.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => pane(page).isVisible()).toBe(false);
    expect(await active(page)).toBe('button:Open the company tree');

    // Choosing a company shows it and closes the drawer.
    await menu.click();
    await pane(page).getByRole('link', { name: 'Chicago Branch', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Chicago Branch');
    await expect.poll(() => pane(page).isVisible()).toBe(false);
    // The page fits the phone: the header's Sign out is on the screen.
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(signOut && signOut.x + signOut.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);

    // On a wide screen the tree sits beside the content and the menu button is gone.
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => pane(page).isVisible()).toBe(true);
    expect(await menu.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps Delete, Add User and Sign out on the screen at 1024 px', async () => {
    const { page, close } = await adminPage({ width: 1024, height: 768 });
    await pane(page).getByRole('link', { name: 'Berlin Branch', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Berlin Branch');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1024);
    for (const [role, name] of [
      ['button', 'Delete'],
      ['link', 'Add User'],
      ['button', 'Sign out'],
    ] as const) {
      const box = await page.getByRole(role, { name, exact: true }).boundingBox();
      expect(box && box.x + box.width, name).toBeLessThanOrEqual(1024);
    }
    await close();
  });
});

describe('company dialogs', () => {
  it('move focus in, keep it there, close on Escape and give it back to the opener', async () => {
    const { page, errors, close } = await adminPage(DESKTOP);
    await pane(page).getByRole('link', { name: 'Paris Branch', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Paris Branch');
    const rename = page.getByRole('button', { name: 'Rename', exact: true });
    await rename.click();
    const dialog = page.getByRole('dialog', { name: 'Rename company' });
    await dialog.waitFor();
    expect(await active(page)).toBe('input:Paris Branch');
    // Tab and Shift+Tab never leave the dialog.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog')), key).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await active(page)).toBe('button:Rename');
    expect(errors).toEqual([]);
    await close();
  });

  it('close on Escape once a combobox inside has shut its list (the first Escape is the list’s)', async () => {
    const { page, close } = await adminPage(DESKTOP);
    await pane(page).getByRole('link', { name: 'Paris Branch', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Paris Branch');
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Move Paris Branch' });
    await dialog.waitFor();
    const picker = dialog.getByRole('combobox');
    await picker.click();
    await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => picker.getAttribute('aria-expanded')).toBe('false');
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await close();
  });

  it('check the name as it is typed and say beside the field that a sibling holds it', async () => {
    const { page, errors, close } = await adminPage(DESKTOP);
    await pane(page).getByRole('link', { name: 'Europe', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Europe');
    await page.getByRole('button', { name: 'New subsidiary' }).click();
    const dialog = page.getByRole('dialog', { name: 'New subsidiary of Europe' });
    const name = dialog.getByLabel('Company name');
    // The rule is shown up front.
    expect(await dialog.textContent()).toContain('Unique among its sibling companies');
    await dialog.getByRole('button', { name: 'Create company' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const described = async () => {
      const ids = ((await name.getAttribute('aria-describedby')) ?? '').split(' ');
      return Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    };
    expect(await described()).toContain('Enter a company name.');
    await name.fill('Madrid Branch');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe(null);

    // The server's refusal of a duplicate, worded by its code, beside the field.
    await page.route('**/api/v1/companies', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 409,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'COMPANY_NAME_TAKEN',
                message: 'Another company under the same parent already has that name.',
                field: 'name',
                requestId: 'e2e',
              },
            }),
          })
        : route.continue(),
    );
    await dialog.getByRole('button', { name: 'Create company' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await described()).toContain(
      'Another company under the same parent already has that name.',
    );
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/company-name-taken-1440.png` });
    // Changing the name clears the server's word; the real server then creates it.
    await page.unroute('**/api/v1/companies');
    await name.fill('Madrid Depot');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe(null);
    await dialog.getByRole('button', { name: 'Create company' }).click();
    await expect.poll(() => heading(page)).toBe('Madrid Depot');
    // The tree shows it without a reload (the change refreshed what the screen shows).
    await expect.poll(() => pane(page).textContent()).toContain('Madrid Depot');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the language picker in the header', () => {
  it('switches the console to Chinese and keeps the choice', async () => {
    const { page, errors, close } = await adminPage(DESKTOP);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect
      .poll(() =>
        page.getByRole('navigation', { name: '模块' }).getByRole('link').first().textContent(),
      )
      .toBe('组织架构');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await heading(page)).toBe('欢迎，Gatehouse Admin');
    expect(await page.title()).toBe('概览 — Gatehouse');
    await page.reload();
    await expect.poll(() => heading(page)).toBe('欢迎，Gatehouse Admin');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect.poll(() => heading(page)).toBe('Welcome, Gatehouse Admin');
    // Signing out from the header lands on the login page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/login`);
    expect(errors).toEqual([]);
    await close();
  });
});
