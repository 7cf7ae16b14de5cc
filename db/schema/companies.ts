import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

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
    /**
     * The name as duplicates are judged: trimmed, case folded (SQLite folds ASCII letters).
     * Computed by the database, so no writer can forget it; unique among siblings.
     */
    nameKey: text('name_key').generatedAlwaysAs(sql`lower(trim(name))`, { mode: 'virtual' }),
    depth: integer('depth').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('companies_parent_idx').on(t.parentId),
    index('companies_path_idx').on(t.path),
    // Two sibling companies never share a name (a create, a rename or a move into a parent
    // that has one fails here, atomically, whatever the concurrency).
    uniqueIndex('companies_sibling_name_idx').on(t.parentId, t.nameKey),
  ],
);
