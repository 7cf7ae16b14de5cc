import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, ORIGIN } from '../../../test/worker/fixtures';
import type { Bindings } from '../../env';
import type { OutboxMessage } from '../../lib/mail/dev-outbox';
import { sendMail } from '../../lib/mail/send-mail';
import { codeMail } from '../auth/code-mail/code-mail';
import { DEV_OUTBOX_PATH, MAILBOX_PAGE_PATH } from './dev-tools.contract';

const bindings = { ...(env as Bindings), RESEND_API_KEY: undefined };
let serial = 0;
const recipient = (name: string) => `${name}.${Date.now().toString(36)}.${++serial}@Northwind.test`;

const mail = (to: string, code: string, userAgent: string | null = null) =>
  codeMail({
    to,
    code,
    purpose: 'app_login',
    requestedAt: Date.now(),
    expiresAt: Date.now() + 600_000,
    ip: '198.51.100.4',
    userAgent,
  });

async function outbox(query = ''): Promise<OutboxMessage[]> {
  const res = await SELF.fetch(`${ORIGIN}${DEV_OUTBOX_PATH}${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

describe('GET /api/v1/dev/outbox (development builds only)', () => {
  it('lists the mails to one recipient, in any case, newest first', async () => {
    const emma = recipient('emma');
    const other = recipient('lucas');
    await sendMail(bindings, mail(emma, '100001'));
    await sendMail(bindings, mail(other, '200002'));
    await sendMail(bindings, mail(emma.toLowerCase(), '100003'));

    const messages = await outbox(`?to=${encodeURIComponent(emma.toUpperCase())}`);
    expect(messages.map((m) => m.subject)).toEqual([
      '100003 is your Gatehouse sign-in code',
      '100001 is your Gatehouse sign-in code',
    ]);
    const [newest] = messages;
    expect(Object.keys(newest ?? {}).sort()).toEqual(['html', 'sentAt', 'subject', 'text', 'to']);
    expect(newest?.to).toBe(emma.toLowerCase());
    expect(newest?.text).toContain('100003');
    expect(newest?.html).toContain('100003');
    expect(newest?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const all = await outbox();
    const mine = all.filter((m) => [emma.toLowerCase(), emma, other].includes(m.to));
    expect(mine.map((m) => m.subject.slice(0, 6))).toEqual(['100003', '200002', '100001']);
  });

  it('answers an empty list for a recipient with no mail', async () => {
    expect(await outbox(`?to=${encodeURIComponent(recipient('nobody'))}`)).toEqual([]);
  });

  it('costs the route no round trip of its own request client', async () => {
    const res = await SELF.fetch(`${ORIGIN}${DEV_OUTBOX_PATH}`);
    expect(res.headers.get('x-gatehouse-db-trips')).toBe('0');
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await (await api('/openapi.json')).json()) as { paths: object };
    expect(JSON.stringify(Object.keys(doc.paths))).not.toContain('/dev/');
  });
});

describe('GET /dev/mailbox (development builds only)', () => {
  it('shows each mail newest first: subject, recipient, the HTML in a sandboxed frame, the text', async () => {
    const to = recipient('olivia');
    const hostile = '<script>alert(1)</script>"><img src=x>';
    await sendMail(bindings, mail(to, '300001'));
    await sendMail(bindings, mail(to, '300002', hostile));

    const res = await SELF.fetch(`${ORIGIN}${MAILBOX_PAGE_PATH}?to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('data-gatehouse-mailbox');
    expect(page.indexOf('300002 is your')).toBeLessThan(page.indexOf('300001 is your'));
    expect(page).toContain(`value="${to}"`);
    // Each mail's HTML only inside a sandboxed frame's srcdoc, escaped; the page runs nothing.
    const frames = [...page.matchAll(/<iframe sandbox="" srcdoc="([^"]*)"/g)];
    expect(frames).toHaveLength(2);
    expect(frames[0]?.[1]).toContain('&lt;!DOCTYPE html&gt;');
    expect(page).not.toMatch(/<script|<img/i);
    expect(page.match(/<table/g)).toBeNull();
    expect(page).toContain('<pre>Gatehouse');
  });

  it('says so when there is no mail', async () => {
    const res = await SELF.fetch(
      `${ORIGIN}${MAILBOX_PAGE_PATH}?to=${encodeURIComponent(recipient('nobody'))}`,
    );
    expect(await res.text()).toContain('No mail to this recipient yet.');
  });
});
