import { customType, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * A BLOB as plain bytes: the Worker has no Node `Buffer` (drizzle's `blob({ mode: 'buffer' })`
 * needs it); the libSQL driver answers an ArrayBuffer.
 */
const bytes = customType<{ data: Uint8Array; driverData: ArrayBuffer | Uint8Array }>({
  dataType: () => 'blob',
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value)),
});

/**
 * An account's enrolled face: the embedding the verifier computed from a qualified photo,
 * encrypted (AES-GCM, key derived from the server's secret, the user id as associated data),
 * and the photo itself only when the admin chose to keep it (encrypted the same way).
 */
export const faceTemplates = sqliteTable('face_templates', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 12-byte IV followed by the AES-GCM ciphertext of the Float32 embedding. */
  template: bytes('template').notNull(),
  /** The model that made the embedding: a template of another model cannot be compared. */
  model: text('model').notNull(),
  photo: bytes('photo'),
  photoType: text('photo_type'),
  enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }).notNull(),
  enrolledBy: text('enrolled_by'),
});
