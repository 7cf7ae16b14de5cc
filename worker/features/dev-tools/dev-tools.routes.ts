import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { readOutbox } from '../../lib/mail/dev-outbox';
import { validate } from '../../lib/validate';
import { DEV_OUTBOX_PATH, MAILBOX_PAGE_PATH } from './dev-tools.contract';
import { MAILBOX_PAGE_CSP, renderMailboxPage } from './mailbox-page';

/**
 * The development tools: the dev outbox as JSON and the mailbox page. Everything is built
 * inside this function, nothing at module level, so a production build, which never calls it,
 * bundles none of it. No access check: they exist only in development builds (`wrangler dev`
 * on the loopback, the tests).
 */
export function devToolsRoutes() {
  // `?to=` filters by recipient, in any case; without it every kept mail is listed.
  const query = validate('query', z.object({ to: z.string().trim().max(320).optional() }));
  return new Hono<AppEnv>()
    .get(DEV_OUTBOX_PATH, query, async (c) => {
      const { to } = c.req.valid('query');
      return c.json({ messages: await readOutbox(c.env, to || undefined) }, 200);
    })
    .get(MAILBOX_PAGE_PATH, query, async (c) => {
      const { to } = c.req.valid('query');
      const messages = await readOutbox(c.env, to || undefined);
      c.header('Content-Security-Policy', MAILBOX_PAGE_CSP);
      c.header('Cache-Control', 'no-store');
      return c.html(renderMailboxPage({ messages, to: to ?? '' }));
    });
}
