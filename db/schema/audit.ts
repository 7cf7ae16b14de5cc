import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Every change to companies, users and roles. `company_path` is the path of the company the
 * change concerns, so an admin reads the entries of its own subtree with one prefix match.
 * Rows are never updated; ids are time-ordered so they double as the cursor.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: text('actor_id').notNull(),
    actorUsername: text('actor_username').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    companyPath: text('company_path').notNull(),
    summary: text('summary').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [
    index('audit_company_path_idx').on(t.companyPath, t.id),
    index('audit_target_idx').on(t.targetId),
  ],
);
