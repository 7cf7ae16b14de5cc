import { Hono } from 'hono';
import type { AppEnv } from '../../env';

/** Paths that name a file (`/app/icons/icon-192.png`), not a screen of the APP's router. */
const FILE = /\/[^/]+\.[A-Za-z0-9]+$/;

/**
 * Serves the APP (wrangler.jsonc runs the Worker first for `/app/*`). The assets' SPA fallback
 * would answer an unknown path with the console's /index.html; under /app/ every path that is
 * not a file is a screen of the APP's router (`/app/profile`, `/app/m/alerts`), so it gets the
 * APP's page, and a missing file is a 404 instead of a page. Once installed, the APP's service
 * worker answers these navigations itself; this covers the first visit and deep links.
 */
export const appShellRoutes = new Hono<AppEnv>().get('/app/*', async (c) => {
  const url = new URL(c.req.url);
  const isFile = FILE.test(url.pathname) && url.pathname !== '/app/index.html';
  const target = isFile ? url : new URL('/app/', url);
  const res = await c.env.ASSETS.fetch(new Request(target, c.req.raw));
  if (isFile && res.headers.get('content-type')?.startsWith('text/html')) {
    return c.text('Not found', 404);
  }
  // An asset's response has immutable headers; the app's middlewares still add theirs.
  return new Response(res.body, res);
});
