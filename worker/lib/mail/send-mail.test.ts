import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resendStandIn, type StandInBehaviour } from '../../../test/worker/resend-stand-in-client';
import type { Bindings } from '../../env';
import { codeMail } from '../../features/auth/code-mail/code-mail';
import { ApiError } from '../errors';
import { readOutbox } from './dev-outbox';
import { sendWithResend } from './resend-transport';
import { sendMail } from './send-mail';

const bindings = env as Bindings;
let serial = 0;
/** A key of its own per test: the stand-in answers and records by key. */
const newKey = () => `re_test_${Date.now().toString(36)}_${++serial}`;
const recipient = () => `mail.${Date.now().toString(36)}.${++serial}@northwind.test`;

const message = (to: string, code = '482913') =>
  codeMail({
    to,
    code,
    purpose: 'web_login',
    requestedAt: Date.now(),
    expiresAt: Date.now() + 10 * 60_000,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:137.0) Gecko/20100101 Firefox/137.0',
  });

const withResend = (key: string): Bindings => ({
  ...bindings,
  RESEND_API_KEY: key,
  RESEND_BASE_URL: resendStandIn.url(),
});

/** The error a promise rejects with, to check its code and status. */
async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sendMail through Resend', () => {
  it('posts the mail to /emails with the key, the configured sender, recipient, subject and bodies', async () => {
    const key = newKey();
    const to = recipient();
    const mail = message(to);
    await sendMail(withResend(key), mail);

    const [request, ...more] = await resendStandIn.requests(key);
    expect(more).toEqual([]);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/emails');
    expect(request?.authorization).toBe(`Bearer ${key}`);
    const body = request?.body as Record<string, unknown>;
    expect(body.from).toBe(bindings.MAIL_FROM);
    expect(bindings.MAIL_FROM).toMatch(/^Gatehouse <.+@.+>$/);
    expect([body.to].flat()).toEqual([to]);
    expect(body.subject).toBe('482913 is your Gatehouse sign-in code');
    expect(body.html).toContain('482913');
    expect(body.text).toContain('482913');
    expect(body.html).toBe(mail.html);
    expect(body.text).toBe(mail.text);
    // Mail to Resend does not land in the outbox too.
    expect(await readOutbox(bindings, to)).toEqual([]);
  });

  it.each<[string, StandInBehaviour, string]>([
    [
      'a server error (500)',
      {
        status: 500,
        body: { statusCode: 500, name: 'internal_server_error', message: 'Unexpected error' },
      },
      'internal_server_error',
    ],
    [
      "Resend's validation error (422)",
      {
        status: 422,
        body: {
          statusCode: 422,
          name: 'validation_error',
          message:
            'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
        },
      },
      'validation_error',
    ],
    // The SDK reads an empty error answer as `{ error: null }`: still no success.
    ['an error answer without a body (503)', { status: 503 }, 'no email id'],
    ['a success answer without an email id', { status: 200, body: {} }, 'no email id'],
  ])(
    'rejects with MAIL_FAILED (502) on %s, logging the cause but not the code',
    async (_name, behaviour, cause) => {
      const key = newKey();
      await resendStandIn.answer(key, behaviour);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      const error = await rejection(sendMail(withResend(key), message(recipient(), '770341')));
      expect(error.code).toBe('MAIL_FAILED');
      expect(error.status).toBe(502);
      expect(await resendStandIn.requests(key)).toHaveLength(1);
      const log = logged.mock.calls.flat().join('\n');
      expect(log).toContain('mail_failed');
      expect(log).not.toContain('770341');
      expect(log).toContain(cause);
    },
  );

  it('rejects with MAIL_FAILED (502) when nothing listens at the address', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await rejection(
      sendMail(
        { ...withResend(newKey()), RESEND_BASE_URL: 'http://127.0.0.1:9' },
        message(recipient()),
      ),
    );
    expect(error.code).toBe('MAIL_FAILED');
    expect(error.status).toBe(502);
  });

  it('rejects with MAIL_FAILED when Resend does not answer before the deadline', async () => {
    const key = newKey();
    await resendStandIn.answer(key, { status: 200, hang: true });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = Date.now();
    const error = await rejection(
      sendWithResend(
        { apiKey: key, from: bindings.MAIL_FROM, baseUrl: resendStandIn.url(), deadlineMs: 300 },
        message(recipient()),
      ),
    );
    expect(error.code).toBe('MAIL_FAILED');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('sendMail without a Resend key', () => {
  it('stores the mail in the dev outbox in a build with the development tools', async () => {
    const to = recipient();
    const mail = message(to);
    await sendMail({ ...bindings, RESEND_API_KEY: undefined }, mail);
    const [stored, ...more] = await readOutbox(bindings, to.toUpperCase());
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ to, subject: mail.subject, text: mail.text, html: mail.html });
    expect(Date.parse(stored?.sentAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers MAIL_UNAVAILABLE (503) without the development tools, storing nothing', async () => {
    const to = recipient();
    const error = await rejection(
      sendMail({ ...bindings, RESEND_API_KEY: undefined }, message(to), false),
    );
    expect(error.code).toBe('MAIL_UNAVAILABLE');
    expect(error.status).toBe(503);
    expect(await readOutbox(bindings, to)).toEqual([]);
  });
});
