import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_MISSING } from '../../client/features/mfa/mfa-factor-options';
import { maskEmail } from '../../schemas/mfa';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

const SHOTS = 'test-results/screenshots';
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };
// A seeded account (shares the admin's password, no initial-password change due).
const USER = 'lucas.martin';
const USER_EMAIL = 'lucas.martin@northwind.example';

// Waits on a condition, long enough for a busy shared machine (expect.poll's default is 1 s).
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...options });

let stack: DevStack;
let browser: Browser;
let admin: Page;

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  return context.newPage();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  admin = await newPage(DESK);
  await signInAt(stack.url, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(`${stack.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** The newest code mailed to `to` after `since`, read from the dev outbox once it is there. */
async function mailedCode(to: string, since: number): Promise<string> {
  let code = '';
  await poll(
    async () => {
      const res = await fetch(`${stack.url}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
      const { messages } = (await res.json()) as { messages: OutboxMessage[] };
      const fresh = messages.find((m) => Date.parse(m.sentAt) >= since);
      code = fresh?.text.match(/\b\d{6}\b/)?.[0] ?? '';
      return code;
    },
    { timeout: 15_000 },
  ).toMatch(/^\d{6}$/);
  return code;
}

/** Opens a user's page from the company tree (as the admin unless another page is given). */
async function openUser(company: string, displayName: string, page = admin) {
  await page.goto(stack.url);
  await page
    .getByRole('complementary', { name: 'Company tree' })
    .getByRole('link', { name: company, exact: true })
    .click();
  await page.getByRole('main').getByRole('link', { name: displayName }).first().click();
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(displayName);
}

const factorGroup = (page: Page, slot: 'WEB login' | 'APP login' | 'APP unlock') =>
  page.getByRole('group', { name: slot });

/** Reads an account as the admin's browser does (the API, with its cookie). */
const readUser = (id: string) =>
  admin.evaluate(async (userId) => {
    const res = await fetch(`/api/v1/users/${userId}`);
    return (await res.json()) as {
      companyId: string;
      email: string | null;
      mfa: { webLogin: string; appLogin: string; appUnlock: string };
      tokenConfig: { appLockMinutes: number };
    };
  }, id);

const userIdFromUrl = (page: Page) => new URL(page.url()).pathname.split('/users/')[1] ?? '';

/** Signs in with the password and waits for the code step. */
async function reachCodeStep(page: Page): Promise<number> {
  const since = Date.now() - 1000;
  await signInAt(stack.url, page, USER, ADMIN_PASSWORD);
  await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Check your email');
  return since;
}

describe('sign-in factors in the user form', () => {
  it('gives an account email codes for WEB login; the choice is read back', async () => {
    await openUser('Paris Branch', 'Lucas Martin');
    const web = factorGroup(admin, 'WEB login');
    await poll(() => web.getByRole('radio', { name: 'Password' }).isChecked()).toBe(true);
    // Face recognition is shown, held back until a face is enrolled, with the reason.
    const face = factorGroup(admin, 'APP login').getByRole('radio', { name: 'Face recognition' });
    expect(await face.isDisabled()).toBe(true);
    expect(await factorGroup(admin, 'APP login').textContent()).toContain(FACE_MISSING);

    await web.getByRole('radio', { name: 'Email code' }).check();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => admin.locator('.toast').allTextContents()).toContainEqual(
      'Sign-in verification saved.',
    );
    expect((await readUser(userIdFromUrl(admin))).mfa).toEqual({
      webLogin: 'email',
      appLogin: 'password',
      appUnlock: 'password',
    });
    await admin.reload();
    await poll(() =>
      factorGroup(admin, 'WEB login').getByRole('radio', { name: 'Email code' }).isChecked(),
    ).toBe(true);
    await admin.locator('.factors').screenshot({ path: `${SHOTS}/factors-1440.png` });
  });

  it('refuses to clear the email of an account that signs in with email codes, on the email field', async () => {
    await openUser('Paris Branch', 'Lucas Martin');
    await admin.locator('input[name=email]').fill('');
    // The form says so before saving, and the server refuses on the field.
    await poll(() => factorGroup(admin, 'WEB login').textContent()).toContain(
      'Add an email address first, or choose another way to verify.',
    );
    await admin.getByRole('button', { name: 'Save changes' }).click();
    const emailField = admin.locator('.field', { has: admin.locator('input[name=email]') });
    await poll(() => emailField.locator('.field__error').textContent()).toBeTruthy();
    expect((await readUser(userIdFromUrl(admin))).email).toBe(USER_EMAIL);
    // The refused field is brought into view from the Save button at the bottom.
    await poll(() =>
      emailField.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    await admin.screenshot({ path: `${SHOTS}/factors-email-cleared-1440.png` });
  });

  it('on a phone: offers email codes once an address is typed, and saves them with a new account', async () => {
    await openUser('Paris Branch', 'Lucas Martin');
    const { companyId } = await readUser(userIdFromUrl(admin));
    const page = await newPage(PHONE);
    await signInAt(stack.url, page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);
    await page.goto(`${stack.url}/users/new?companyId=${companyId}`);
    await page.locator('input[name=username]').fill('nina.factor');
    await page.locator('input[name=displayName]').fill('Nina Factor');
    await page.locator('input[name=password]').fill('lantern-orbit-Quay-72');

    const unlock = factorGroup(page, 'APP unlock');
    const email = unlock.getByRole('radio', { name: 'Email code' });
    expect(await email.isDisabled()).toBe(true);
    expect(await unlock.textContent()).toContain('Add an email address first');
    await page.locator('input[name=email]').fill('nina.factor@northwind.example');
    await poll(() => email.isDisabled()).toBe(false);
    await email.check();
    await page.locator('#factors-title').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/factors-390.png` });

    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL(/\/users\/us_/);
    const created = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/users/${id}`);
      return ((await res.json()) as { mfa: unknown }).mfa;
    }, userIdFromUrl(page));
    expect(created).toEqual({ webLogin: 'password', appLogin: 'password', appUnlock: 'email' });
    await page.context().close();
  });
});

describe('sign-in factors for an admin who may not change them', () => {
  it('shows them read-only, with what it would take', async () => {
    const page = await newPage(DESK);
    await signInAt(stack.url, page, 'emma.weber', ADMIN_PASSWORD);
    await page.waitForURL(`${stack.url}/`);
    // The seeded desk phone signs in to the APP with emailed codes.
    await openUser('Berlin Branch', 'Berlin Dispatch Desk', page);
    const app = factorGroup(page, 'APP login');
    await poll(() => app.getByRole('radio', { name: 'Email code' }).isChecked()).toBe(true);
    expect(await app.getByRole('radio', { name: 'Password' }).isDisabled()).toBe(true);
    expect(await page.locator('.factors').textContent()).toContain(
      'changing it needs “Configure sign-in factors”',
    );
    await page.context().close();
  });
});

describe('WEB sign-in with an email code', () => {
  it('on a phone: password, then the code from the email, then the console', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${stack.url}/login`);
    await page.screenshot({ path: `${SHOTS}/login-390.png` });
    const since = await reachCodeStep(page);
    expect(await page.getByText(maskEmail(USER_EMAIL)).count()).toBe(1);
    const code = page.getByLabel('Code from the email');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    // The resend waits, and says how long.
    const resend = page.getByRole('button', { name: /send a new code in \d:\d\d/ });
    await poll(() => resend.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/login-code-390.png` });

    await code.fill(await mailedCode(USER_EMAIL, since));
    await page.waitForURL(`${stack.url}/`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Welcome, Lucas Martin',
    );
    await page.context().close();
  });

  it('says how many tries are left after a wrong code, and a right one still signs in', async () => {
    const page = await newPage(DESK);
    await page.goto(`${stack.url}/login`);
    await page.screenshot({ path: `${SHOTS}/login-1440.png` });
    const since = await reachCodeStep(page);
    await page.screenshot({ path: `${SHOTS}/login-code-1440.png` });
    const right = await mailedCode(USER_EMAIL, since);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Code from the email').fill(wrong);
    await poll(() => page.getByRole('alert').textContent()).toContain(
      'That code is not correct. 4 attempts left.',
    );
    await page.screenshot({ path: `${SHOTS}/login-code-error-1440.png` });

    await page.getByLabel('Code from the email').fill(right);
    await page.waitForURL(`${stack.url}/`);
    await page.context().close();
  });

  it('on a phone: five wrong codes end the verification and go back to the password', async () => {
    const page = await newPage(PHONE);
    const since = await reachCodeStep(page);
    const right = await mailedCode(USER_EMAIL, since);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const field = page.getByLabel('Code from the email');
    for (const left of [4, 3, 2, 1]) {
      await field.fill(wrong);
      await poll(() => page.getByRole('alert').textContent()).toContain(
        left === 1 ? '1 attempt left.' : `${left} attempts left.`,
      );
      if (left === 3) await page.screenshot({ path: `${SHOTS}/login-code-error-390.png` });
    }
    await field.fill(wrong);
    await poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Sign in');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Sign in again to get a new code',
    );
    expect(await page.getByLabel('Username').inputValue()).toBe(USER);
    await page.context().close();
  });
});

describe('asking for another code', () => {
  it('on a phone: a resend the server finds too early says how long to wait, and counts down again', async () => {
    const page = await newPage(PHONE);
    // The screen's clock runs ahead of the server's: its countdown ends before the cooldown.
    await page.clock.install();
    await reachCodeStep(page);
    await page.clock.fastForward('01:05');
    await page.getByRole('button', { name: 'send a new code', exact: true }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(
      /Wait \d+ seconds? before asking for another code\./,
    );
    await poll(() =>
      page.getByRole('button', { name: /send a new code in \d:\d\d/ }).isDisabled(),
    ).toBe(true);
    await page.context().close();
  });
});

describe('the APP lock in the token rules', () => {
  it('sets how long the APP may sit idle or hidden, refusing what is out of range', async () => {
    await openUser('Paris Branch', 'Lucas Martin');
    const id = userIdFromUrl(admin);
    await admin.getByRole('button', { name: 'Token rules…' }).click();
    const dialog = admin.getByRole('dialog');
    const lock = dialog.getByLabel('Lock the APP after');
    await poll(() => lock.inputValue()).toBe('5');
    await lock.fill('0');
    await dialog.getByRole('button', { name: 'Save Configuration' }).click();
    // Refused beside the field, with the range still shown up front.
    const lockNotes = () =>
      lock.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    await poll(lockNotes).toContain('Use at least 1 minute.');
    expect(await lockNotes()).toContain('From 1 to 1440 minutes');
    expect(await lock.getAttribute('aria-invalid')).toBe('true');
    await lock.fill('15');
    await admin.screenshot({ path: `${SHOTS}/token-lock-1440.png` });
    await dialog.getByRole('button', { name: 'Save Configuration' }).click();
    await poll(() => admin.locator('.toast').allTextContents()).toContainEqual(
      expect.stringContaining('Token configuration saved'),
    );
    expect((await readUser(id)).tokenConfig.appLockMinutes).toBe(15);

    const phone = await newPage(PHONE);
    await signInAt(stack.url, phone, 'admin', ADMIN_PASSWORD);
    await phone.waitForURL(`${stack.url}/`);
    await phone.goto(`${stack.url}/users/${id}`);
    await phone.getByRole('button', { name: 'Token rules…' }).click();
    await poll(() => phone.getByRole('dialog').getByLabel('Lock the APP after').inputValue()).toBe(
      '15',
    );
    await phone.screenshot({ path: `${SHOTS}/token-lock-390.png` });
    await phone.context().close();
  });
});
