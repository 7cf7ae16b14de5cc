import { mkdirSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, SCREEN_SIZES, seriousAxeViolations } from './page-checks';
import { ADMIN_PASSWORD, type DevStack, launchChromium, signInAt, startDevStack } from './stack';

const SHOTS = 'test-results/screenshots';
const poll = expect.poll;
let stack: DevStack;
let browser: Browser;
let admin: Page;

async function newPage(
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
  locale?: string,
): Promise<Page> {
  // The axe script is injected inline, which the console's CSP rightly refuses.
  const context = await browser.newContext({
    viewport,
    bypassCSP: true,
    ...(locale ? { locale } : {}),
  });
  return context.newPage();
}

async function signedIn(username: string, page: Page) {
  await signInAt(stack.url, page, username, ADMIN_PASSWORD);
  await page.waitForURL(`${stack.url}/`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startDevStack();
  browser = await launchChromium();
  admin = await newPage();
  await signedIn('admin', admin);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens a user's page from the company tree. */
async function openUser(page: Page, company: string, displayName: string) {
  await page.goto(stack.url);
  await page
    .getByRole('complementary', { name: 'Company tree' })
    .getByRole('link', { name: company, exact: true })
    .click();
  await page.getByRole('main').getByRole('link', { name: displayName }).first().click();
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(displayName);
}

/** The id of a company, read through the API with the page's session. */
const companyId = (page: Page, name: string) =>
  page.evaluate(async (wanted) => {
    type Node = { id: string; name: string; children: Node[] };
    const { roots } = (await (await fetch('/api/v1/companies/tree?depth=5')).json()) as {
      roots: Node[];
    };
    const find = (nodes: Node[]): Node | undefined =>
      nodes.map((n) => (n.name === wanted ? n : find(n.children))).find(Boolean);
    return find(roots)?.id ?? '';
  }, name);

const tree = (page: Page, name: 'Functions' | 'WEB' | 'APP') =>
  page.getByRole('tree', { name, exact: true });
const item = (page: Page, treeName: 'Functions' | 'WEB' | 'APP', name: string) =>
  tree(page, treeName).getByRole('treeitem', { name, exact: true });
/** The words a row says about where the permission stands (its accessible description). */
const standing = (row: ReturnType<typeof item>) =>
  row.evaluate((el) => {
    const ids = el.getAttribute('aria-describedby') ?? '';
    return ids ? (document.getElementById(ids)?.textContent ?? '') : '';
  });

describe('the permission editor shows what the account holds', () => {
  it('says a role the parent lacks is capped by the parent, row by row, and after saving', async () => {
    await openUser(admin, 'Berlin Branch', 'Berlin Dispatch Desk');
    await admin.getByRole('checkbox', { name: /Administrator/ }).check();

    // Functions → Roles → View roles: the role gives it, the parent emma.weber does not hold it.
    await item(admin, 'Functions', 'Roles').focus();
    await admin.keyboard.press('ArrowRight');
    await poll(() => item(admin, 'Functions', 'Roles').getAttribute('aria-expanded')).toBe('true');
    await poll(() => standing(item(admin, 'Functions', 'View roles'))).toBe(
      'Not held: capped by the parent emma.weber, which does not hold it',
    );
    // WEB → Monitor → Live map: the parent holds it, so the role's grant is held.
    await item(admin, 'WEB', 'Monitor').click({ position: { x: 8, y: 10 } });
    await poll(() => item(admin, 'WEB', 'Monitor').getAttribute('aria-expanded')).toBe('true');
    await poll(() => standing(item(admin, 'WEB', 'Live map'))).toBe('Held · via role');
    await poll(() => admin.getByRole('main').textContent()).toContain(
      'permissions it is given are capped by its parent and not held.',
    );
    await admin.screenshot({ path: `${SHOTS}/user-capped-permissions.png`, fullPage: true });

    await admin.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => admin.locator('.toast').allTextContents()).toContainEqual(
      expect.stringContaining('capped by its parent and not held'),
    );
    expect(
      (await admin.locator('.toast').allTextContents()).some((t) => t.trim() === 'Changes saved.'),
    ).toBe(false);
    // Put the desk back as the seed had it, from a freshly read page.
    await admin.reload();
    await poll(() => admin.getByRole('checkbox', { name: /Administrator/ }).isChecked()).toBe(true);
    await admin.getByRole('checkbox', { name: /Administrator/ }).uncheck();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => admin.locator('.toast').allTextContents()).toContainEqual('Changes saved.');
  });

  it('takes a second change right after a save (the refresh does not freeze the form)', async () => {
    await openUser(admin, 'Berlin Branch', 'Berlin Dispatch Desk');
    const role = admin.getByRole('checkbox', { name: /Administrator/ });
    for (const tick of [true, false]) {
      await role.setChecked(tick);
      await admin.getByRole('button', { name: 'Save changes' }).click();
      await poll(() => admin.locator('.toast').count()).toBeGreaterThan(0);
      await poll(() => admin.getByRole('button', { name: 'Save changes' }).isEnabled()).toBe(true);
      // The screen's reads refresh after the save; the next change starts from them.
      await admin.waitForLoadState('networkidle');
    }
    expect(await role.isChecked()).toBe(false);
  });

  it('is an ARIA tree: arrows move and open, Space ticks, a row it cannot grant stays put', async () => {
    const emma = await newPage();
    await signedIn('emma.weber', emma);
    await openUser(emma, 'Berlin Branch', 'Berlin Dispatch Desk');
    const first = item(emma, 'Functions', 'Companies');
    await first.focus();
    await emma.keyboard.press('ArrowDown');
    await poll(() => emma.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(
      'function.users',
    );
    await emma.keyboard.press('ArrowRight');
    await poll(() => item(emma, 'Functions', 'Users').getAttribute('aria-expanded')).toBe('true');
    await emma.keyboard.press('ArrowRight');
    await poll(() => emma.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(
      'function.users.view',
    );
    const view = item(emma, 'Functions', 'View users');
    expect(await view.getAttribute('aria-checked')).toBe('false');
    await emma.keyboard.press('Space');
    await poll(() => view.getAttribute('aria-checked')).toBe('true');
    await emma.keyboard.press('Space');
    await poll(() => view.getAttribute('aria-checked')).toBe('false');
    // Emma cannot delete users herself: the row says so and Space leaves it.
    const del = item(emma, 'Functions', 'Delete users');
    await del.focus();
    expect(await del.getAttribute('aria-disabled')).toBe('true');
    expect(await standing(del)).toBe('Not grantable by you: you do not hold it yourself');
    await emma.keyboard.press('Space');
    expect(await del.getAttribute('aria-checked')).toBe('false');
    await emma.keyboard.press('ArrowLeft');
    await poll(() => emma.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(
      'function.users',
    );
    await emma.context().close();
  });

  it('tells a manager who cannot read roles what the account holds, and never sends role ids', async () => {
    const emma = await newPage();
    await signedIn('emma.weber', emma);
    await openUser(emma, 'Berlin Branch', 'Berlin Dispatch Desk');
    const roles = emma.getByRole('region', { name: 'Roles' });
    await poll(() => roles.textContent()).toContain('This account holds 1 role you cannot see');
    expect(await roles.textContent()).not.toContain('No role is usable');

    const patches: Request[] = [];
    emma.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/api/v1/users/')) patches.push(r);
    });
    await emma.locator('input[name=phone]').fill('+49 30 1234567');
    await emma.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => emma.locator('.toast').allTextContents()).toContainEqual('Changes saved.');
    expect(patches.map((r) => r.postDataJSON())).toEqual([{ phone: '+49 30 1234567' }]);
    await emma.context().close();
  });
});

describe('dates on the user page', () => {
  it('says a new account expires immediately and creates it only after a clear confirmation', async () => {
    const berlin = await companyId(admin, 'Berlin Branch');
    await admin.goto(`${stack.url}/users/new?companyId=${berlin}`);
    await admin.locator('input[name=username]').fill('late.driver');
    await admin.locator('input[name=displayName]').fill('Late Driver');
    await admin.locator('input[name=password]').fill('initial-Password-1');
    // The admin never expires, so a new account starts at "Never".
    await admin.locator('input[name=neverExpires]').uncheck();
    await admin.locator('input[name=expiresOn]').fill('2020-06-01');
    const warning = admin.getByText('This account expires immediately', { exact: false });
    await poll(() => warning.count()).toBe(1);
    const posts: Request[] = [];
    admin.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/users')) posts.push(r);
    });
    await admin.getByRole('button', { name: 'Create user' }).click();
    await poll(() =>
      admin.getByText('Tick the box to confirm, or choose a later day.').count(),
    ).toBe(1);
    expect(posts).toEqual([]);
    await admin.screenshot({ path: `${SHOTS}/user-expires-now.png`, fullPage: true });
    await admin.getByLabel('Yes, save this account already expired').check();
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.waitForURL(/\/users\/us_/);
    await poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Late Driver');
    expect(posts).toHaveLength(1);
  });

  it('keeps a year 0001 as typed and refuses it before sending', async () => {
    const berlin = await companyId(admin, 'Berlin Branch');
    await admin.goto(`${stack.url}/users/new?companyId=${berlin}`);
    await admin.locator('input[name=username]').fill('ancient.driver');
    await admin.locator('input[name=displayName]').fill('Ancient Driver');
    await admin.locator('input[name=password]').fill('initial-Password-1');
    const day = admin.locator('input[name=expiresOn]');
    await admin.locator('input[name=neverExpires]').uncheck();
    await day.fill('0001-01-01');
    await poll(() => day.getAttribute('aria-invalid')).toBe('true');
    const error = await day.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(error).toMatch(/^Choose a day from .*1970/);
    const posts: Request[] = [];
    admin.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/users')) posts.push(r);
    });
    await admin.getByRole('button', { name: 'Create user' }).click();
    await poll(() => admin.getByRole('status').allTextContents()).toContainEqual(
      '1 field needs attention.',
    );
    expect(posts).toEqual([]);
    expect(await day.inputValue()).toBe('0001-01-01');
  });

  it('says a company sync to a past date expires the accounts now, and counts nothing on an empty date', async () => {
    await admin.goto(stack.url);
    await admin
      .getByRole('complementary', { name: 'Company tree' })
      .getByRole('link', { name: 'Paris Branch', exact: true })
      .click();
    await admin.getByRole('button', { name: 'Expiration date of lucas.martin' }).click();
    const dialog = admin.getByRole('dialog');
    const day = dialog.locator('input[type=date]');
    // The allowed range is said before anything is typed.
    await poll(() => dialog.textContent()).toContain('Any day from Jan 1, 1970 up to');
    await day.fill('2001-05-01');
    await dialog.getByLabel('Apply to all accounts of this company').check();
    await poll(() => dialog.textContent()).toContain(
      'will change and expire now: it can no longer sign in and its sessions end.',
    );
    const save = dialog.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByLabel('Yes, expire them now').check();
    expect(await save.isDisabled()).toBe(false);
    await admin.screenshot({ path: `${SHOTS}/expiry-sync-past.png` });

    await day.fill('');
    await poll(() => dialog.textContent()).toContain('Choose a day, or tick “Never expires”.');
    expect(await dialog.getByText('Counting accounts…').count()).toBe(0);
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('the user form checks with the API’s schemas', () => {
  it('shows the password rule up front, every error at once, and clears each as it is fixed', async () => {
    const berlin = await companyId(admin, 'Berlin Branch');
    await admin.goto(`${stack.url}/users/new?companyId=${berlin}`);
    const password = admin.locator('input[name=password]');
    const describedBy = (name: string) =>
      admin
        .locator(`input[name=${name}]`)
        .evaluate(
          (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
        );
    await poll(() => describedBy('password')).toContain('At least 10 characters');

    await admin.locator('input[name=username]').fill('x');
    await admin.locator('input[name=email]').fill('not-an-email');
    const posts: Request[] = [];
    admin.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/users')) posts.push(r);
    });
    await admin.getByRole('button', { name: 'Create user' }).click();
    const invalid = () =>
      admin
        .locator('.user-form [aria-invalid="true"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('name')));
    await poll(invalid).toEqual(['username', 'displayName', 'password', 'email']);
    expect(await describedBy('username')).toBe('Use at least 3 characters.');
    expect(posts).toEqual([]);

    await admin.locator('input[name=username]').fill('fixed.name');
    await poll(invalid).toEqual(['displayName', 'password', 'email']);
    // A password holding the username: said once (beside the field), and never "Strong".
    await password.fill('Fixed.name#2024xyz');
    const said = () =>
      admin
        .locator('.user-form .field__error, .user-form .password-strength__verdict')
        .evaluateAll((els) => els.map((el) => el.textContent?.trim()).filter(Boolean));
    await poll(() => said().then((t) => t.filter((x) => x?.includes('username')))).toEqual([
      'Do not use the username in the password.',
    ]);
    await poll(() => admin.locator('.password-strength__label').textContent()).not.toContain(
      'Strong',
    );
    await password.fill('initial-Password-1');
    await poll(invalid).toEqual(['displayName', 'email']);
    await admin.screenshot({ path: `${SHOTS}/user-form-errors.png`, fullPage: true });
  });
});

/** The toolbar buttons that open the user page's dialogs. */
const DIALOG_BUTTONS = {
  en: ['Expiry…', 'Token rules…', 'Disable', 'Delete'],
  zh: ['到期日期…', '令牌规则…', '停用', '删除'],
};

/**
 * What sticks out of the page's main area: elements past its right edge that are not inside a
 * box that scrolls on its own (a table or tree scrolling inside its card is fine).
 */
const mainOverflow = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no main element'];
    // Against main's own box: a header that widens the whole page is the shell's (reported
    // below); what this page puts in main must fit main.
    const edge = main.getBoundingClientRect().right;
    const scrollsItself = (el: Element) => {
      for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const out = Array.from(main.querySelectorAll('*')).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > edge + 1 && !scrollsItself(el);
    });
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    return innermost
      .slice(0, 8)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} (right ${Math.round(el.getBoundingClientRect().right)} > ${Math.round(edge)})`,
      );
  });

describe('the user page on every screen, in English and Chinese', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`fits and passes axe at three sizes (${locale})`, async () => {
      const problems: string[] = [];
      for (const size of SCREEN_SIZES) {
        const page = await newPage({ width: size.width, height: size.height }, locale);
        await signedIn('admin', page);
        const berlin = await companyId(page, 'Berlin Branch');
        const desk = await page.evaluate(async (id) => {
          const res = await fetch(`/api/v1/companies/${id}/users`);
          const { users } = (await res.json()) as { users: { id: string; username: string }[] };
          return users.find((u) => u.username === 'dispatch.berlin')?.id ?? '';
        }, berlin);
        const screens: [string, string][] = [
          ['new', `/users/new?companyId=${berlin}`],
          ['edit', `/users/${desk}`],
        ];
        for (const [name, path] of screens) {
          await page.goto(`${stack.url}${path}`);
          await poll(() => page.locator('form.user-form').count()).toBe(1);
          // The three permission trees of the form (the company tree pane is a fourth).
          await poll(() => page.locator('form.user-form [role=tree]').count()).toBe(3);
          const overflow = await mainOverflow(page);
          if (overflow.length) problems.push(`${name} ${size.name}: ${overflow.join('; ')}`);
          for (const v of await seriousAxeViolations(page)) {
            // The header belongs to the shell, which the every-route test checks.
            const ours = v.targets.filter((target) => !target.startsWith('.header'));
            if (ours.length) problems.push(`${name} ${size.name}: ${v.id} ${v.help} ${ours}`);
          }
          // The whole page too, once the shell fits (reported, not failed, from here).
          const page_ = await horizontalOverflow(page);
          if (page_.length) console.info(`${name} ${size.name} (shell): ${page_[0]}`);
          if (name === 'edit') {
            // Each dialog of the page: inside the screen, and no serious axe violation.
            const buttons = locale === 'en' ? DIALOG_BUTTONS.en : DIALOG_BUTTONS.zh;
            for (const label of buttons) {
              await page.getByRole('button', { name: label, exact: true }).click();
              const dialog = page.getByRole('dialog');
              await poll(() => dialog.isVisible()).toBe(true);
              const box = await dialog.boundingBox();
              if (!box || box.x < 0 || box.x + box.width > size.width + 1) {
                problems.push(`${label} ${size.name}: dialog ${JSON.stringify(box)} off screen`);
              }
              for (const v of await seriousAxeViolations(page)) {
                const ours = v.targets.filter((target) => !target.startsWith('.header'));
                if (ours.length) problems.push(`${label} ${size.name}: ${v.id} ${ours}`);
              }
              await page.keyboard.press('Escape');
              await poll(() => dialog.count()).toBe(0);
            }
          }
          if (name === 'edit' && size.name === 'phone') {
            await page.locator('.perm-editor').screenshot({
              path: `${SHOTS}/user-permissions-390-${locale}.png`,
            });
            await page.locator('.user-roles').screenshot({
              path: `${SHOTS}/user-roles-390-${locale}.png`,
            });
          }
          if (size.name !== 'tablet') {
            await page.screenshot({
              path: `${SHOTS}/user-${name}-${size.width}-${locale}.png`,
              fullPage: true,
            });
          }
        }
        await page.context().close();
      }
      expect(problems).toEqual([]);
    });
  }

  it('reads in Chinese, dates included', async () => {
    const page = await newPage({ width: 390, height: 844 }, 'zh-CN');
    await signedIn('admin', page);
    const berlin = await companyId(page, 'Berlin Branch');
    await page.goto(`${stack.url}/users/new?companyId=${berlin}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新建用户');
    expect(await page.getByRole('button', { name: '创建用户' }).count()).toBe(1);
    expect(await page.getByRole('tree', { name: '功能权限' }).count()).toBe(1);
    await page.locator('input[name=neverExpires]').uncheck();
    await page.locator('input[name=expiresOn]').fill('2020-06-01');
    await poll(() => page.getByText('该账号将立即过期', { exact: false }).count()).toBe(1);
    expect(await page.getByText('2020年6月1日', { exact: false }).count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
