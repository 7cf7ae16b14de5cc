import type { Bindings } from '../../env';
import { createDb } from '../db';
import type { MailMessage } from './mail-message';

/** A mail as the dev outbox keeps it and `GET /api/v1/dev/outbox` answers it. */
export interface OutboxMessage extends MailMessage {
  /** ISO-8601. */
  sentAt: string;
}

/** The outbox keeps the latest this many mails; older ones are dropped as new ones arrive. */
export const OUTBOX_KEEP = 500;

// Created by the outbox itself, not by a migration: production databases never get it.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS dev_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_address TEXT NOT NULL,
  to_key TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  sent_at INTEGER NOT NULL
)`;
const CREATE_INDEX = 'CREATE INDEX IF NOT EXISTS dev_outbox_to_key ON dev_outbox (to_key, id)';

/**
 * The outbox's own client, not the request's `c.var.db`: the outbox stands in for Resend's
 * HTTP call, so it must not count as one of the route's round trips (which a test pins).
 */
const outboxDb = (env: Bindings) => createDb(env.LIBSQL_URL, env.LIBSQL_AUTH_TOKEN).$client;

/** Stores one mail in the development outbox (one round trip). */
export async function storeInOutbox(env: Bindings, message: MailMessage, now = Date.now()) {
  await outboxDb(env).batch(
    [
      CREATE_TABLE,
      CREATE_INDEX,
      {
        sql: `INSERT INTO dev_outbox (to_address, to_key, subject, text, html, sent_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
        args: [
          message.to,
          message.to.toLowerCase(),
          message.subject,
          message.text,
          message.html,
          now,
        ],
      },
      { sql: 'DELETE FROM dev_outbox WHERE id <= last_insert_rowid() - ?', args: [OUTBOX_KEEP] },
    ],
    'write',
  );
}

/** The kept mails, newest first; only those to `to` (any case) when given. */
export async function readOutbox(env: Bindings, to?: string): Promise<OutboxMessage[]> {
  const select = `SELECT to_address, subject, text, html, sent_at FROM dev_outbox
    ${to ? 'WHERE to_key = ?' : ''} ORDER BY id DESC LIMIT ${OUTBOX_KEEP}`;
  const results = await outboxDb(env).batch(
    [CREATE_TABLE, CREATE_INDEX, { sql: select, args: to ? [to.toLowerCase()] : [] }],
    'write',
  );
  return (results[2]?.rows ?? []).map((row) => ({
    to: String(row.to_address),
    subject: String(row.subject),
    text: String(row.text),
    html: String(row.html),
    sentAt: new Date(Number(row.sent_at)).toISOString(),
  }));
}
