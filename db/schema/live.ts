import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The accounts that have live sessions, kept by each user's SessionHub (the only writer of its
 * row) so a change to thousands of accounts tells only the hubs that have someone to tell.
 * `version` grows with every write of the hub: a late write never overwrites a newer one.
 * No foreign key: the row of a deleted account must still lead to its hub.
 */
export const liveAccounts = sqliteTable('live_accounts', {
  userId: text('user_id').primaryKey(),
  sessions: integer('sessions').notNull(),
  version: integer('version').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
