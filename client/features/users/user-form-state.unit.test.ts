import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../../../schemas/users';
import { changedFields, emptyForm, expiryOf, fromUser } from './user-form-state';

const user: UserRecord = {
  id: 'us_aaaaaaaaaaaaaaaa',
  username: 'sam',
  displayName: 'Sam',
  email: null,
  phone: null,
  face: { enrolled: false, enrolledAt: null, hasPhoto: false },
  companyId: 'co_aaaaaaaaaaaaaaaa',
  relatedCompanyId: 'co_aaaaaaaaaaaaaaaa',
  parentUserId: null,
  expiresAt: '2030-05-05T10:00:00.000Z',
  status: 'active',
  tokenConfig: { longTerm: false, ttlMinutes: 60, exclusiveLogin: false, appLockMinutes: 5 },
  mfa: { webLogin: 'password', appLogin: 'password', appUnlock: 'password' },
  roleIds: ['ro_b', 'ro_a'],
  permissions: ['web.monitor.map'],
  effectivePermissions: [],
  subUserCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the user form’s edit body', () => {
  it('sends only what changed: a phone edit never re-sends the date, roles or grants', () => {
    const original = fromUser(user);
    const now = { ...original, phone: '+1 555 0100', roleIds: ['ro_a', 'ro_b'] };
    expect(changedFields(original, now, expiryOf(now, []))).toEqual({ phone: '+1 555 0100' });
  });

  it('sends the date when the day or "never" changes', () => {
    const original = fromUser(user);
    const never = { ...original, never: true };
    expect(changedFields(original, never, expiryOf(never, []))).toEqual({ expiresAt: null });
  });

  it('never carries the sign-in factors, which have their own route', () => {
    const original = fromUser(user);
    const now = {
      ...original,
      email: 'sam@example.com',
      mfa: { ...original.mfa, webLogin: 'email' as const },
    };
    expect(changedFields(original, now, expiryOf(now, []))).toEqual({ email: 'sam@example.com' });
  });
});

describe('the chosen expiry', () => {
  it('is capped at the parent’s instant when the same day is picked', () => {
    const form = { ...emptyForm('co_x', user) };
    expect(form.never).toBe(false);
    expect(expiryOf(form, [user.expiresAt])).toBe(user.expiresAt);
  });
});
