import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from '../../../test/worker/fixtures';

const get = (path: string) => SELF.fetch(`${ORIGIN}${path}`);

// Reads the built client (dist/client), as the Worker's assets binding does: `npm test` builds
// it before this tier.
describe('GET /app/*', () => {
  it('answers every screen address under /app/ with the APP’s page, not the console’s', async () => {
    for (const path of ['/app/', '/app/profile', '/app/m/alerts', '/app/no/such/screen']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('<title>Gatehouse APP</title>');
      expect(html, path).toContain('rel="manifest" href="/app/manifest.webmanifest"');
    }
  });

  it('serves the APP’s files as they are, and a missing one as a 404 rather than a page', async () => {
    const icon = await get('/app/icons/icon-192.png');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    const manifest = await get('/app/manifest.webmanifest');
    expect(await manifest.json()).toMatchObject({
      scope: '/app/',
      start_url: '/app/',
      id: '/app/',
    });
    expect((await get('/app/icons/no-such-icon.png')).status).toBe(404);
  });

  it('keeps the console’s page free of the APP’s manifest', async () => {
    const html = await (await get('/')).text();
    expect(html).not.toContain('rel="manifest"');
  });
});
