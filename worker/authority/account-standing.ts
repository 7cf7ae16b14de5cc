import type { KickReason } from '../../schemas/auth';

/** One account of a parent chain, as the standing rules judge it. */
export interface ChainLink {
  id: string;
  parentUserId: string | null;
  status: 'active' | 'disabled';
  expiresAt: number | null;
  mustChangePassword: boolean;
}

/**
 * Why an account may not be used now, or null when it may. A user under an expired, disabled
 * or deleted ancestor is refused like the ancestor itself.
 */
export function accountRefusal(chain: ChainLink[], now: number): KickReason | null {
  if (chain.length === 0) return 'account_deleted';
  for (const link of chain) {
    if (link.status === 'disabled') return 'account_disabled';
    if (link.expiresAt !== null && link.expiresAt <= now) return 'account_expired';
  }
  const top = chain[chain.length - 1];
  // The chain stopped at a parent id whose row is gone.
  if (top?.parentUserId) return 'account_deleted';
  return null;
}

/** When the account stops being usable by date alone: the earliest expiry along the chain. */
export function earliestExpiry(chain: ChainLink[]): number | null {
  let earliest: number | null = null;
  for (const link of chain) {
    if (link.expiresAt !== null && (earliest === null || link.expiresAt < earliest)) {
      earliest = link.expiresAt;
    }
  }
  return earliest;
}
