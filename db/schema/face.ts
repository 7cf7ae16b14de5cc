import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * An account's enrolled face: the embedding the verifier computed from a qualified photo,
 * encrypted (AES-GCM, key derived from the server's secret, the user id as associated data),
 * and the photo itself only when the admin chose to keep it (encrypted the same way).
 *
 * The ciphertexts are stored as base64url TEXT, not BLOB: without Node's `Buffer` (the Worker
 * runs without nodejs_compat) drizzle's libSQL driver hands a BLOB back decoded as UTF-8 text,
 * which loses bytes.
 */
export const faceTemplates = sqliteTable('face_templates', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** base64url of a 12-byte IV followed by the AES-GCM ciphertext of the Float32 embedding. */
  template: text('template').notNull(),
  /** The model that made the embedding: a template of another model cannot be compared. */
  model: text('model').notNull(),
  photo: text('photo'),
  photoType: text('photo_type'),
  enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }).notNull(),
  enrolledBy: text('enrolled_by'),
});
