import { type AnySQLiteColumn, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The company tree. `path` is the materialized path of ids from the root, `/co_a/co_b/`,
 * so "X and all its subsidiaries" is one indexed prefix match.
 */
export const companies = sqliteTable(
  'companies',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => companies.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('companies_parent_idx').on(t.parentId), index('companies_path_idx').on(t.path)],
);
