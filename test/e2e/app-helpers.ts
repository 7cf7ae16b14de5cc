import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppFactor } from '../../schemas/mfa-config';
import { ADMIN_PASSWORD } from './stack';

/** A phone: 390 × 844 CSS pixels, touch, mobile viewport rules. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

export const newPhone = (browser: Browser) => browser.newContext(PHONE);

type Call = (method: string, path: string, body?: unknown) => Promise<unknown>;

/**
 * The API as the seeded admin, with a bearer token (an APP sign-in), for arranging accounts.
 * Throws on any answer that is not 2xx, with the body, so a broken arrangement says why.
 */
export async function adminApi(url: string): Promise<Call> {
  const call =
    (token?: string): Call =>
    async (method, path, body) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const json: unknown = await res.json().catch(() => null);
      if (!res.ok)
        throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };
  const login = (await call()('POST', '/auth/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
    client: 'app',
  })) as { token: string };
  return call(login.token);
}

export interface AppUser {
  id: string;
  username: string;
  password: string;
  email: string;
}

/**
 * A fresh account below the admin holding two APP modules, with its own password already
 * chosen (an admin-set password must be replaced at the first sign-in), the given APP factors
 * and lock limit.
 */
export async function createAppUser(
  url: string,
  options: { appLogin?: AppFactor; appUnlock?: AppFactor; appLockMinutes?: number } = {},
): Promise<AppUser> {
  const admin = await adminApi(url);
  const me = (await admin('GET', '/me')) as { user: { companyId: string } };
  const tag = randomBytes(4).toString('hex');
  const username = `phone.${tag}`;
  const email = `phone.${tag}@example.com`;
  const initial = `Kx7-initial-${randomBytes(6).toString('base64url')}`;
  const password = `Qm4-chosen-${randomBytes(6).toString('base64url')}`;
  const created = (await admin('POST', '/users', {
    username,
    password: initial,
    displayName: 'Pat Rivera',
    email,
    companyId: me.user.companyId,
    relatedCompanyId: me.user.companyId,
    expiresAt: null,
    permissions: ['app.monitor.map', 'app.alerts.view', 'app.alerts.handle', 'app.playback.tracks'],
  })) as { id: string };

  // The first sign-in replaces the admin's password, then ends that session.
  const first = (await (
    await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: initial, client: 'app' }),
    })
  ).json()) as { token: string };
  const asUser = (path: string, body?: unknown) =>
    fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${first.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : null,
    });
  expect(
    (await asUser('/me/password', { currentPassword: initial, newPassword: password })).ok,
  ).toBe(true);
  await asUser('/auth/logout');

  await admin('PUT', `/users/${created.id}/mfa`, {
    webLogin: 'password',
    appLogin: options.appLogin ?? 'password',
    appUnlock: options.appUnlock ?? 'password',
  });
  if (options.appLockMinutes !== undefined) {
    await admin('PUT', `/users/${created.id}/token-config`, {
      longTerm: false,
      ttlMinutes: 24 * 60,
      exclusiveLogin: false,
      appLockMinutes: options.appLockMinutes,
    });
  }
  return { id: created.id, username, password, email };
}

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

async function outbox(url: string, to: string): Promise<OutboxMessage[]> {
  const res = await fetch(`${url}/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
  if (!res.ok) return [];
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** How many mails `to` has had so far: pass it to `nextCode` to wait for a newer one. */
export const mailCount = async (url: string, to: string) => (await outbox(url, to)).length;

/** Waits for mail number `after + 1` to `to` in the dev outbox and reads its 6-digit code. */
export async function nextCode(url: string, to: string, after: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = await outbox(url, to);
        if (messages.length <= after) return false;
        code = messages[0]?.text.match(/\b(\d{6})\b/)?.[1];
        return code !== undefined;
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(true);
  return code as string;
}

/** Fills the APP's sign-in form and submits it. */
export async function submitAppSignIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The APP's home with its module tiles is showing. */
export const homeShows = (page: Page) =>
  page.getByRole('list', { name: 'APP modules' }).waitFor({ timeout: 15_000 });

/** The lock screen is showing. */
export const lockShows = (page: Page) =>
  page.getByRole('heading', { name: 'Gatehouse is locked' }).waitFor({ timeout: 15_000 });

/** The status code the server gives the APP's token for `GET /me` (200, 423 locked, 401). */
export const meStatus = (page: Page) =>
  page.evaluate(async () => {
    const token = localStorage.getItem('gatehouse.app.token');
    const res = await fetch('/api/v1/me', {
      credentials: 'omit',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return res.status;
  });

/**
 * Resolves once the page's live socket greets it (`hello`): from then on a kick or a lock
 * reaches the screen. Call it before the sign-in that opens the socket.
 */
export function liveGreeting(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        if (String(frame.payload).includes('"hello"')) resolve();
      }),
    );
  });
}

/**
 * Moves the APP's clock past the idle limit (installed with `page.clock.install()` before the
 * page loaded) and waits until the APP locked itself on the server and shows the lock screen.
 */
export async function idleUntilLocked(page: Page, limit = '05:01') {
  const locking = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/lock'));
  await page.clock.fastForward(limit);
  expect((await locking).status()).toBe(200);
  await lockShows(page);
}
