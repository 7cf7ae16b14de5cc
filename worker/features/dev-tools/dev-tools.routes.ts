import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { ApiError } from '../../lib/errors';
import { readOutbox } from '../../lib/mail/dev-outbox';
import { validate } from '../../lib/validate';
import { DEV_OUTBOX_PATH, MAILBOX_PAGE_PATH } from './dev-tools.contract';
import { MAILBOX_PAGE_CSP, renderMailboxPage } from './mailbox-page';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Not found unless addressed to the loopback by name. */
function assertLoopback(c: Context<AppEnv>): void {
  if (!LOOPBACK_HOSTS.has(new URL(c.req.url).hostname)) throw new ApiError('NOT_FOUND');
}

/**
 * The development tools: the dev outbox as JSON and the mailbox page. Everything is built
 * inside this function, nothing at module level, so a production build, which never calls it,
 * bundles none of it. No session check: they exist only in development builds (`wrangler dev`
 * on the loopback, the tests). They answer only requests addressed to the loopback by name, so
 * a web page a developer visits cannot read the codes through DNS rebinding (its requests carry
 * the attacker's host name).
 */
export function devToolsRoutes() {
  // `?to=` filters by recipient, in any case; without it every kept mail is listed.
  const query = validate('query', z.object({ to: z.string().trim().max(320).optional() }));
  return new Hono<AppEnv>()
    .get(DEV_OUTBOX_PATH, query, async (c) => {
      assertLoopback(c);
      const { to } = c.req.valid('query');
      return c.json({ messages: await readOutbox(c.env, to || undefined) }, 200);
    })
    .get(MAILBOX_PAGE_PATH, query, async (c) => {
      assertLoopback(c);
      const { to } = c.req.valid('query');
      const messages = await readOutbox(c.env, to || undefined);
      c.header('Content-Security-Policy', MAILBOX_PAGE_CSP);
      c.header('Cache-Control', 'no-store');
      return c.html(renderMailboxPage({ messages, to: to ?? '' }));
    });
}
