import type { Context } from 'hono';

/**
 * True when the request's Origin is this site. Browsers send Origin on every cross-site
 * request and on same-site POST/PUT/PATCH/DELETE and WebSocket upgrades, so a cookie-borne
 * request without a matching Origin did not come from our pages.
 */
export function isSameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return false;
  const url = new URL(c.req.url);
  if (origin === url.origin) return true;
  // Behind a proxy the URL's host can differ from the one the browser used.
  const host = c.req.header('host');
  return host !== undefined && (origin === `https://${host}` || origin === `http://${host}`);
}
