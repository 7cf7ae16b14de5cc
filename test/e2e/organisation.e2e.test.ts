import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

const SHOTS = 'test-results/screenshots';
let stack: DevStack;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signInAt(stack.url, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${stack.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const tree = () => admin.getByRole('complementary', { name: 'Company tree' });

async function openCompany(name: string) {
  await tree().getByRole('link', { name, exact: true }).click();
  await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(name);
}

async function fillUser(username: string, displayName: string) {
  await admin.locator('input[name=username]').fill(username);
  await admin.locator('input[name=displayName]').fill(displayName);
  await admin.locator('input[name=password]').fill('initial-Password-1');
}

describe('the organisation console', () => {
  it('moves through the company tree with the arrow keys', async () => {
    // The focused tree item (the tree's roving focus), named by its link.
    const focused = () =>
      admin.evaluate(() => {
        const item = document.activeElement;
        if (item?.getAttribute('role') !== 'treeitem') return `not a tree item: ${item?.tagName}`;
        return item.querySelector(':scope > .tree__row a')?.textContent ?? '';
      });
    await tree().getByRole('link', { name: 'Northwind Group', exact: true }).focus();
    await admin.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Americas');
    await admin.keyboard.press('ArrowLeft'); // open → close
    await admin.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Europe');
    await admin.keyboard.press('ArrowRight'); // already open → step in
    expect(await focused()).toBe('Berlin Branch');
    await admin.keyboard.press('ArrowLeft'); // closed → up to the parent
    expect(await focused()).toBe('Europe');
    await admin.keyboard.press('ArrowUp');
    await admin.keyboard.press('ArrowRight'); // reopen Americas
    await admin.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Chicago Branch');
  });

  it('creates a company, a user in it with a role, and that user sees only its modules', async () => {
    await openCompany('Paris Branch');
    await admin.getByRole('button', { name: 'New subsidiary' }).click();
    await admin.getByLabel('Company name').fill('Lyon Depot');
    await admin.getByRole('button', { name: 'Create company' }).click();
    await expect
      .poll(() => admin.getByRole('heading', { level: 1 }).textContent())
      .toBe('Lyon Depot');
    await expect.poll(() => tree().textContent()).toContain('Lyon Depot');

    await admin.getByRole('link', { name: 'Add User' }).click();
    await fillUser('lyon.driver', 'Lyon Driver');
    // The scope picker searches on the server; pick Paris Branch by typing and Enter.
    const scope = admin.locator('main').getByRole('combobox').nth(1);
    await scope.click();
    await admin.keyboard.type('paris');
    // Enter takes the highlighted option; wait until the server's matches put Paris there.
    await expect
      .poll(() => admin.locator('[role=option][data-highlighted]').textContent())
      .toBe('Paris Branch');
    await admin.keyboard.press('Enter');
    await expect.poll(() => scope.inputValue()).toBe('Paris Branch');
    await admin.getByText('Dispatcher', { exact: true }).click();
    await admin.screenshot({ path: `${SHOTS}/user-form.png`, fullPage: true });
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.waitForURL(/\/users\/us_/);
    await expect
      .poll(() => admin.getByRole('heading', { level: 1 }).textContent())
      .toBe('Lyon Driver');
    await expect.poll(() => tree().textContent()).toContain('Lyon Driver');
    await admin.screenshot({ path: `${SHOTS}/tree-pane.png` });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const driver = await context.newPage();
    await signInAt(stack.url, driver, 'lyon.driver', 'initial-Password-1');
    // The initial password was set by the admin: the driver chooses its own first.
    await driver.waitForURL('**/password');
    await driver.getByLabel('Current password').fill('initial-Password-1');
    await driver.getByLabel('New password', { exact: true }).fill('quiet-harbour-Lantern-9');
    await driver.getByLabel('New password again').fill('quiet-harbour-Lantern-9');
    await driver.screenshot({ path: `${SHOTS}/change-password.png` });
    await driver.getByRole('button', { name: 'Save password' }).click();
    await driver.waitForURL(`${stack.url}/`);
    const nav = driver.getByRole('navigation', { name: 'Modules' });
    await expect.poll(() => nav.textContent()).toContain('Monitor');
    const modules = await nav.getByRole('link').allTextContents();
    expect(modules).toEqual(['Monitor', 'Alerts']);
    expect(await driver.getByRole('complementary', { name: 'Company tree' }).count()).toBe(0);
    await context.close();
  });

  it('syncs an expiry to every account of a company after showing the count', async () => {
    await openCompany('Berlin Branch');
    await admin.getByRole('button', { name: 'Expiration date of emma.weber' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.locator('input[type=date]').fill('2031-03-15');
    await dialog.getByLabel('Apply to all accounts of this company').check();
    await expect.poll(() => dialog.textContent()).toContain('2 accounts will change.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => admin.locator('.toast').allTextContents())
      .toContainEqual(expect.stringContaining('2 accounts changed'));
    const rows = admin.locator('table tbody tr');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([expect.stringContaining('2031'), expect.stringContaining('2031')]);
  });

  it('deletes a parent user with its sub-users after showing how many go', async () => {
    await openCompany('Berlin Branch');
    // Give the sub-user a sub-user of its own, so the cascade is two levels deep.
    await admin.getByRole('link', { name: 'New sub-user of dispatch.berlin' }).click();
    await fillUser('berlin.night', 'Night Desk');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.waitForURL(/\/users\/us_/);
    await openCompany('Berlin Branch');
    await admin.getByRole('button', { name: 'Delete emma.weber' }).click();
    const dialog = admin.getByRole('dialog');
    await expect
      .poll(() => dialog.textContent())
      .toContain('Its 2 sub-users will be deleted with it');
    await admin.screenshot({ path: `${SHOTS}/delete-confirmation.png` });
    await dialog.getByRole('button', { name: 'Delete 3 accounts' }).click();
    await expect.poll(() => admin.locator('table').count()).toBe(0);
    expect(await admin.getByText('This company has no users yet.').count()).toBe(1);
    await expect.poll(() => tree().textContent()).not.toContain('Night Desk');
  });
});
