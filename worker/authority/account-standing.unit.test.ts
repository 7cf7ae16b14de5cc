import { describe, expect, it } from 'vitest';
import { accountRefusal } from './account-standing';

const NOW = 1_700_000_000_000;
const link = (id: string, parentUserId: string | null, extra = {}) => ({
  id,
  parentUserId,
  status: 'active' as const,
  expiresAt: null,
  mustChangePassword: false,
  ...extra,
});

describe('account standing', () => {
  it('accepts an active, unexpired account without parent', () => {
    expect(accountRefusal([link('u', null)], NOW)).toBeNull();
  });

  it('refuses a missing account as deleted', () => {
    expect(accountRefusal([], NOW)).toBe('account_deleted');
  });

  it('refuses an account at or past its expiry', () => {
    expect(accountRefusal([link('u', null, { expiresAt: NOW })], NOW)).toBe('account_expired');
    expect(accountRefusal([link('u', null, { expiresAt: NOW + 1 })], NOW)).toBeNull();
  });

  it('refuses a sub-user under an expired or disabled ancestor at any depth', () => {
    const chain = [link('c', 'p'), link('p', 'g'), link('g', null, { expiresAt: NOW - 1 })];
    expect(accountRefusal(chain, NOW)).toBe('account_expired');
    const disabled = [link('c', 'p'), link('p', null, { status: 'disabled' })];
    expect(accountRefusal(disabled, NOW)).toBe('account_disabled');
  });

  it('refuses a sub-user whose parent row is gone', () => {
    expect(accountRefusal([link('c', 'p')], NOW)).toBe('account_deleted');
  });
});
