import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { companies } from './companies';

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    /** Lower-cased username: usernames are unique platform-wide, case-insensitive. */
    usernameKey: text('username_key').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** The user's scope: this company and all its subsidiaries. */
    relatedCompanyId: text('related_company_id')
      .notNull()
      .references(() => companies.id),
    parentUserId: text('parent_user_id').references((): AnySQLiteColumn => users.id, {
      onDelete: 'cascade',
    }),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    tokenLongTerm: integer('token_long_term', { mode: 'boolean' }).notNull().default(false),
    tokenTtlMinutes: integer('token_ttl_minutes').notNull().default(720),
    tokenExclusive: integer('token_exclusive', { mode: 'boolean' }).notNull().default(false),
    /** Sign-in factors (`schemas/mfa.ts`): WEB login, APP login, APP unlock. */
    mfaWebLogin: text('mfa_web_login', { enum: ['password', 'email'] })
      .notNull()
      .default('password'),
    mfaAppLogin: text('mfa_app_login', { enum: ['password', 'email', 'face'] })
      .notNull()
      .default('password'),
    mfaAppUnlock: text('mfa_app_unlock', { enum: ['password', 'email', 'face'] })
      .notNull()
      .default('password'),
    /** An APP session locks after this many minutes idle or hidden (a token rule). */
    appLockMinutes: integer('app_lock_minutes').notNull().default(5),
    /** Set for an initial or admin-reset password: the user must choose its own first. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' })
      .notNull()
      .default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('users_username_key_idx').on(t.usernameKey),
    index('users_company_idx').on(t.companyId, t.usernameKey),
    index('users_related_company_idx').on(t.relatedCompanyId),
    index('users_parent_idx').on(t.parentUserId),
  ],
);

/**
 * The accounts one expiry change touches, chosen once and read by the rest of its batch (the
 * audit entry, the update, the accounts to tell): a sync over 50 000 accounts then decides
 * which ones only once. Rows live only inside that batch's transaction — it deletes them before
 * it commits — so no other request ever sees one.
 */
export const expiryChanges = sqliteTable(
  'expiry_changes',
  {
    /** The audit entry of the change. */
    entryId: text('entry_id').notNull(),
    userId: text('user_id').notNull(),
    /** The new expiry (epoch ms), or null for "never". */
    expiresAt: integer('expires_at'),
    /** Left alone: the account is not entirely below the actor (counted as skipped). */
    refused: integer('refused', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.userId] })],
);
