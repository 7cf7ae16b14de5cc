import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, createAppUser } from './app-helpers';
import { horizontalOverflow, SCREEN_SIZES, seriousAxeViolations } from './page-checks';
import { ADMIN_PASSWORD, type DevStack, launchChromium, startDevStack } from './stack';

/**
 * Issue 11, "done when": every console and APP route fits a phone, a tablet and a laptop
 * without horizontal page overflow and has no serious axe violation, in English and in
 * Simplified Chinese. One stack, one browser; one context per person and language, resized
 * between the checks. Screenshots of each screen at 390 and 1440 px in both languages go to
 * test-results/screenshots/<route>-<width>-<lang>.png.
 */
const SHOTS = 'test-results/screenshots';
const LANGUAGES = ['en', 'zh-CN'] as const;
type Language = (typeof LANGUAGES)[number];
type Who = 'nobody' | 'admin' | 'dispatcher' | 'newcomer' | 'appUser';

let stack: DevStack;
let browser: Browser;
const ids = { company: '', user: '' };
const passwords: Record<Exclude<Who, 'nobody'>, { username: string; password: string }> = {
  admin: { username: 'admin', password: ADMIN_PASSWORD },
  dispatcher: { username: 'lucas.martin', password: ADMIN_PASSWORD },
  newcomer: { username: '', password: '' },
  appUser: { username: '', password: '' },
};
const contexts = new Map<string, Page>();

interface RouteCase {
  name: string;
  who: Who;
  path: () => string;
  /** Signed in to the APP (a bearer token) rather than the console (a cookie). */
  app?: boolean;
  /** What shows once the screen is ready, beyond a heading and no spinner. */
  ready?: string;
}

const ROUTES: RouteCase[] = [
  { name: 'login', who: 'nobody', path: () => '/login', ready: 'form input' },
  { name: 'password', who: 'newcomer', path: () => '/password', ready: 'form input' },
  { name: 'overview', who: 'admin', path: () => '/', ready: '[role=treeitem]' },
  { name: 'company', who: 'admin', path: () => `/companies/${ids.company}`, ready: 'main table' },
  { name: 'user-new', who: 'admin', path: () => '/users/new', ready: 'main form' },
  { name: 'user', who: 'admin', path: () => `/users/${ids.user}`, ready: 'main form' },
  { name: 'roles', who: 'admin', path: () => '/roles', ready: 'main h1' },
  { name: 'audit', who: 'admin', path: () => '/audit', ready: 'main h1' },
  { name: 'module', who: 'admin', path: () => '/m/reports', ready: 'main h1' },
  { name: 'unknown', who: 'admin', path: () => '/no/such/page', ready: 'main h1' },
  { name: 'forbidden', who: 'dispatcher', path: () => '/roles', ready: 'main h1' },
  { name: 'app-sign-in', who: 'nobody', path: () => '/app/', app: true, ready: 'form input' },
  { name: 'app-home', who: 'appUser', path: () => '/app/', app: true, ready: 'main h2' },
  { name: 'app-profile', who: 'appUser', path: () => '/app/profile', app: true, ready: 'h1' },
];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  const admin = await adminApi(stack.url);
  type Node = { id: string; name: string; children: Node[] };
  const tree = (await admin('GET', '/companies/tree')) as { roots: Node[] };
  const all = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...all(n.children)]);
  // A company with users and subsidiaries, and one of its users (Emma Weber).
  ids.company = all(tree.roots).find((c) => c.name === 'Berlin Branch')?.id ?? '';
  const users = (await admin('GET', `/companies/${ids.company}/users`)) as {
    users: { id: string }[];
  };
  ids.user = users.users[0]?.id ?? '';
  expect(ids.user).not.toBe('');
  const me = (await admin('GET', '/me')) as { user: { companyId: string } };
  // An account an admin just created: it must choose its own password first.
  passwords.newcomer = { username: 'new.starter', password: 'Kx7-initial-Passw0rd-9' };
  await admin('POST', '/users', {
    username: passwords.newcomer.username,
    password: passwords.newcomer.password,
    displayName: 'New Starter',
    email: 'new.starter@example.com',
    companyId: me.user.companyId,
    relatedCompanyId: me.user.companyId,
    expiresAt: null,
    permissions: [],
  });
  const appUser = await createAppUser(stack.url);
  passwords.appUser = { username: appUser.username, password: appUser.password };
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * A page of `who` in `language`, signed in through the API from inside the page, so the
 * sign-in does not depend on the words of a login form. Reused by every route of that person.
 */
async function pageOf(who: Who, language: Language, app: boolean): Promise<Page> {
  const key = `${who}/${language}/${app ? 'app' : 'web'}`;
  const known = contexts.get(key);
  if (known) return known;
  const context: BrowserContext = await browser.newContext({
    locale: language,
    viewport: SCREEN_SIZES[2],
    // axe-core is injected as an inline script, which the app's CSP rightly refuses.
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${key}] page error: ${e.message}`));
  if (who !== 'nobody') {
    await page.goto(`${stack.url}/favicon.svg`);
    const { username, password } = passwords[who];
    const token = await page.evaluate(
      async ([username, password, client]) => {
        const res = await fetch('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password, client }),
        });
        const body = (await res.json()) as { token?: string };
        return body.token ?? null;
      },
      [username, password, app ? 'app' : 'web'] as const,
    );
    if (app) {
      expect(token).toBeTruthy();
      await page.evaluate((t) => localStorage.setItem('gatehouse.app.token', t ?? ''), token);
    }
  }
  contexts.set(key, page);
  return page;
}

/** The screen has drawn its content: a heading, what the route names, no spinner. */
async function settled(page: Page, ready: string | undefined) {
  await page
    .waitForFunction(
      (selector) => {
        const visible = (el: Element | null) => !!el && el.getClientRects().length > 0;
        if (!visible(document.querySelector('h1, h2'))) return false;
        if (selector && !visible(document.querySelector(selector))) return false;
        return !Array.from(document.querySelectorAll('.spinner')).some(visible);
      },
      ready,
      { timeout: 15_000 },
    )
    .catch(async (e) => {
      throw new Error(
        `${page.url()} did not settle: ${(await page.locator('body').innerText()).slice(0, 400)}`,
        { cause: e },
      );
    });
  await page.evaluate(() => document.fonts.ready);
}

for (const language of LANGUAGES) {
  describe(`every route in ${language}`, () => {
    for (const route of ROUTES) {
      it(`${route.name} fits 390, 768 and 1440 px with no serious axe violation`, async () => {
        const page = await pageOf(route.who, language, route.app ?? false);
        await page.setViewportSize(SCREEN_SIZES[2]);
        await page.goto(`${stack.url}${route.path()}`);
        await settled(page, route.ready);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
        const problems: string[] = [];
        for (const size of SCREEN_SIZES) {
          await page.setViewportSize({ width: size.width, height: size.height });
          // The layout follows the new width before anything is measured.
          await page.evaluate(
            () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
          );
          const where = `${route.name} ${size.width}px ${language}`;
          const overflow = await horizontalOverflow(page);
          if (overflow.length) problems.push(`${where} overflows: ${overflow.join('; ')}`);
          for (const v of await seriousAxeViolations(page)) {
            problems.push(
              `${where} axe ${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`,
            );
          }
          if (size.width !== 768) {
            await page.screenshot({ path: `${SHOTS}/${route.name}-${size.width}-${language}.png` });
          }
        }
        expect(problems).toEqual([]);
      });
    }
  });
}
