import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** What every request is taken to come from when the header cannot be trusted (local dev). */
export const LOCAL_ADDRESS = '127.0.0.1';

/**
 * The address of the client, for throttling and the sessions view.
 *
 * - `production`: `CF-Connecting-IP`, which Cloudflare's edge sets on every request and
 *   overwrites when a client sends its own.
 * - `test`: the same header, so tests can vary it; requests from the test pool come from no
 *   socket at all, so without it the address is unknown (null).
 * - anything else (`wrangler dev`, `npm run dev`): the constant `127.0.0.1`. Miniflare fills the
 *   header from the socket (always the loopback, as the dev server listens on 127.0.0.1 only)
 *   but keeps a value the client sent, so reading it would let anyone choose its address.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  const environment = c.env.ENVIRONMENT;
  if (environment === 'production' || environment === 'test') {
    return c.req.header('cf-connecting-ip') ?? null;
  }
  return LOCAL_ADDRESS;
}
