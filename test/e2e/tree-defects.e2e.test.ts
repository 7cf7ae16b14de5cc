import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

/**
 * The company tree defects of issue 11, on the real stack and the demo organisation
 * (Northwind Group › Europe › Berlin Branch, Paris Branch; Americas › Chicago, Toronto).
 */
const SHOTS = 'test-results/screenshots';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
let stack: DevStack;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  admin = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInAt(stack.url, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${stack.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const tree = () => admin.getByRole('complementary', { name: 'Company tree' });
const treeText = async () => (await tree().locator('ul.tree').textContent()) ?? '';
const searchBox = () => tree().getByLabel('Search companies and users');
const dialog = (name: string) => admin.getByRole('dialog', { name });
const settle = () => admin.waitForTimeout(1500);

async function openCompany(name: string) {
  await tree().getByRole('link', { name, exact: true }).click();
  await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(name);
}

// Each defect on a fresh page, so that one failing leaves no search or dialog to the next.
beforeEach(async () => {
  await admin.goto(`${stack.url}/`);
  await expect.poll(treeText).toContain('Americas');
});

describe('the company tree', () => {
  it('filters on a search, keeps the filter when a match is expanded, and restores on clear', async () => {
    await searchBox().fill('Paris');
    await expect.poll(treeText).toContain('Paris Branch');
    // The bug showed the unfiltered subsidiaries a moment after the matches: give it time.
    await settle();
    const filtered = await treeText();
    expect(filtered).toContain('Northwind Group');
    expect(filtered).toContain('Europe');
    for (const other of ['Americas', 'Chicago Branch', 'Berlin Branch', 'Toronto Branch']) {
      expect(filtered).not.toContain(other);
    }

    // Folding and unfolding a node of the answer shows the same filtered subsidiaries.
    await tree().getByRole('button', { name: 'Collapse Europe' }).click();
    await expect.poll(treeText).not.toContain('Paris Branch');
    await tree().getByRole('button', { name: 'Expand Europe' }).click();
    await expect.poll(treeText).toContain('Paris Branch');
    await settle();
    expect(await treeText()).not.toContain('Berlin Branch');

    await admin.screenshot({ path: `${SHOTS}/tree-search-1440.png` });
    await admin.setViewportSize(PHONE);
    await admin.screenshot({ path: `${SHOTS}/tree-search-390.png`, fullPage: true });
    await admin.setViewportSize(DESKTOP);

    await searchBox().fill('');
    await expect.poll(treeText).toContain('Americas');
    expect(await treeText()).toContain('Berlin Branch');
  });

  it('lists a sub-user under its parent', async () => {
    await tree().getByRole('button', { name: 'Expand Berlin Branch' }).click();
    const users = tree().locator('.tree__row--user');
    const userNames = () => users.locator('.tree__name').allTextContents();
    await expect.poll(userNames).toContain('Berlin Dispatch Desk');
    const names = await userNames();
    // The desk (dispatch.berlin) is Emma Weber's sub-user: it follows her, one step deeper.
    const emma = names.indexOf('Emma Weber');
    const desk = names.indexOf('Berlin Dispatch Desk');
    expect(emma).toBeGreaterThanOrEqual(0);
    expect(desk).toBe(emma + 1);
    const indent = (i: number) => users.nth(i).evaluate((el) => getComputedStyle(el).paddingLeft);
    expect(Number.parseFloat(await indent(desk))).toBeGreaterThan(
      Number.parseFloat(await indent(emma)),
    );
  });

  it('offers Move only to real destinations', async () => {
    await openCompany('Europe');
    await admin.getByRole('button', { name: 'Move', exact: true }).click();
    const move = dialog('Move Europe');
    await move.getByRole('combobox').click();
    const options = move.getByRole('option');
    await expect.poll(() => options.allTextContents()).toContain('Americas');
    const offered = await options.allTextContents();
    // Not its current parent, not itself, not its own subsidiaries.
    for (const no of ['Northwind Group', 'Europe', 'Berlin Branch', 'Paris Branch']) {
      expect(offered).not.toContain(no);
    }
    expect(offered).toContain('Chicago Branch');
    await admin.keyboard.press('Escape'); // closes the list, which covers the buttons
    await move.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => move.isVisible()).toBe(false);
  });

  it('says what a company still holds before the delete is confirmed', async () => {
    await openCompany('Berlin Branch');
    await admin.getByRole('button', { name: 'Delete', exact: true }).click();
    const del = dialog('Delete company');
    await expect.poll(() => del.isVisible()).toBe(true);
    // Read without waiting: the old dialog had no such alert until after the confirm.
    await expect
      .poll(() => del.getByRole('alert').allTextContents())
      .toEqual([
        '“Berlin Branch” still has 2 subsidiaries and 2 users. Move or delete them first.',
      ]);
    expect(await del.getByRole('button', { name: 'Delete company' }).isDisabled()).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/company-delete-blocked-1440.png` });
    await admin.setViewportSize(PHONE);
    await admin.screenshot({ path: `${SHOTS}/company-delete-blocked-390.png` });
    await admin.setViewportSize(DESKTOP);
    await del.getByRole('button', { name: 'Cancel' }).click();

    // An empty company is still deleted as before.
    await openCompany('Toronto Branch');
    await admin.getByRole('button', { name: 'Delete', exact: true }).click();
    const empty = dialog('Delete company');
    expect(await empty.getByRole('alert').count()).toBe(0);
    await empty.getByRole('button', { name: 'Delete company' }).click();
    await expect
      .poll(() => admin.getByRole('heading', { level: 1 }).textContent())
      .toBe('Americas');
    await expect.poll(treeText).not.toContain('Toronto Branch');
  });
});
