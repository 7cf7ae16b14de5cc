import { describe, expect, it } from 'vitest';
import { CODE_PURPOSES, EMAIL_CODE_RULES } from '../../../../schemas/mfa';
import { codeMail } from './code-mail';
import type { CodeMailInput } from './code-mail-content';

const requestedAt = Date.UTC(2026, 3, 27, 14, 5, 30);
const input = (over: Partial<CodeMailInput> = {}): CodeMailInput => ({
  to: 'emma.weber@northwind.test',
  code: '048213',
  purpose: 'web_login',
  requestedAt,
  expiresAt: requestedAt + EMAIL_CODE_RULES.lifetimeMinutes * 60_000,
  ip: '203.0.113.9',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  ...over,
});

/** The HTML with its tags removed and entities decoded: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the code mail', () => {
  it('carries the code in the subject, the text and the HTML, with its lifetime and origin', () => {
    const mail = codeMail(input());
    expect(mail.to).toBe('emma.weber@northwind.test');
    expect(mail.subject).toBe('048213 is your Gatehouse sign-in code');
    for (const body of [mail.text, visible(mail.html)]) {
      expect(body).toContain('Gatehouse');
      expect(body).toContain('048213');
      expect(body).toContain('10 minutes (until 14:15 UTC)');
      expect(body).toContain('203.0.113.9');
      expect(body).toContain('Chrome on Windows');
      expect(body).toContain('27 April 2026, 14:05 UTC');
      expect(body).toMatch(/Not you\?.*do not share this code.*administrator/s);
    }
  });

  it('says what the code is for', () => {
    const wording = {
      web_login: 'sign in to the Gatehouse console',
      app_login: 'sign in to the Gatehouse app',
      app_unlock: 'unlock the Gatehouse app',
    } as const;
    for (const purpose of CODE_PURPOSES) {
      const mail = codeMail(input({ purpose }));
      expect(mail.text, purpose).toContain(`Use this code to ${wording[purpose]}:`);
      expect(visible(mail.html), purpose).toContain(`Use this code to ${wording[purpose]}:`);
      for (const other of CODE_PURPOSES.filter((p) => p !== purpose)) {
        expect(mail.text, `${purpose} vs ${other}`).not.toContain(wording[other]);
      }
    }
    expect(codeMail(input({ purpose: 'app_unlock' })).subject).toBe(
      '048213 is your Gatehouse unlock code',
    );
  });

  it('escapes a hostile user agent and address, showing them as text', () => {
    const hostile = '<img/src=x\tonerror="alert(1)">&amp;<script>alert(2)</script>';
    const mail = codeMail(input({ userAgent: hostile, ip: '"><b>1.2.3.4</b>' }));
    expect(mail.html).not.toMatch(/<img|<script|<b>|onerror="/i);
    // An agent we do not recognise is not repeated to the owner at all.
    expect(mail.text).toContain('Device: Unknown');
    expect(mail.html).toContain('&quot;&gt;&lt;b&gt;1.2.3.4');
    expect(visible(mail.html)).toContain('"><b>1.2.3.4</b>');
    // Only the tags of the template itself remain.
    const tags = new Set(
      [...mail.html.matchAll(/<\/?([a-z!]+)/gi)].map((m) => m[1]?.toLowerCase()),
    );
    expect([...tags].sort()).toEqual([
      '!doctype',
      'body',
      'div',
      'head',
      'html',
      'meta',
      'strong',
      'table',
      'td',
      'title',
      'tr',
    ]);
  });

  it('names only browsers it recognises, never text the requester chose', () => {
    const planted = codeMail(input({ userAgent: 'Gatehouse-Support:call+1-555-0100-now' }));
    expect(planted.text).not.toContain('555');
    expect(planted.html).not.toContain('555');
    const chrome = codeMail(
      input({
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      }),
    );
    expect(chrome.text).toContain('Device: Chrome on Windows');
  });

  it('says "Unknown" when the origin is not known', () => {
    const mail = codeMail(input({ ip: null, userAgent: null }));
    expect(mail.text).toContain('IP address: Unknown');
    expect(mail.text).toContain('Device: Unknown');
  });

  it('is an HTML mail clients can render: tables, inline styles, nothing fetched', () => {
    const { html } = codeMail(input());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('role="presentation"');
    expect(html).not.toMatch(/<style|<link|<script|<img|src=|url\(|https?:/i);
  });
});
