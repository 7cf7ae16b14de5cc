import { z } from 'zod';
import { defineRoute } from '../../routes/route';

const ticketQuerySchema = z.object({
  ticket: z
    .string()
    .regex(/^us_[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{32}$/, 'Not a live ticket.')
    .optional(),
});

/** Live notices, each route declared once. */
export const LIVE_ROUTES = {
  ticket: defineRoute({
    method: 'POST',
    path: '/live/ticket',
    summary: 'A single-use ticket for a bearer client to open /live',
    access: 'session-before-password-change',
    response: z.object({ ticket: z.string() }),
    status: 200,
  }),
  socket: defineRoute({
    method: 'GET',
    path: '/live',
    summary:
      'WebSocket of live notices: kicked, permissions_changed, expiry_changed (cookie, or ?ticket=)',
    // Authenticated inside: by ticket, or by the cookie once the Origin is checked.
    access: 'public',
    query: ticketQuerySchema,
    response: null,
    status: 101,
  }),
} as const;
