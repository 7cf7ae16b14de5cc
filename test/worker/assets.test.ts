import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('the console’s static assets', () => {
  it('serve the SPA for deep links, with a strict content security policy', async () => {
    const res = await env.ASSETS.fetch('https://gatehouse.test/companies/co_anything');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
