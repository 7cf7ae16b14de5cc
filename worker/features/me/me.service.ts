import type { MeUser } from '../../../schemas/me';
import type { DrizzleDb } from '../../lib/db';
import { findUserProfile } from '../auth/account.repo';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The public shape of a user as `/me` and the login answer show it. */
export async function loadProfile(db: DrizzleDb, userId: string): Promise<MeUser | null> {
  const row = await findUserProfile(db, userId);
  if (!row) return null;
  return { ...row, expiresAt: iso(row.expiresAt) };
}
