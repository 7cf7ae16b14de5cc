import { describe, expect, it } from 'vitest';
import { DEFAULT_MFA } from '../../../schemas/mfa-config';
import {
  EMAIL_MISSING,
  FACE_MISSING,
  factorBlocker,
  factorsFirst,
  isValidEmail,
  sameMfa,
  usesEmail,
} from './mfa-factor-options';

describe('which sign-in factors an account can be given', () => {
  it('always offers the password', () => {
    expect(factorBlocker('password', { email: '', faceEnrolled: false })).toBeNull();
  });

  it('offers email codes only with a valid address, saying what is missing otherwise', () => {
    expect(factorBlocker('email', { email: '', faceEnrolled: false })).toBe(EMAIL_MISSING);
    expect(factorBlocker('email', { email: 'anna@', faceEnrolled: false })).toBe(EMAIL_MISSING);
    expect(factorBlocker('email', { email: 'anna@example.com', faceEnrolled: false })).toBeNull();
  });

  it('offers face recognition only once a face is enrolled', () => {
    expect(factorBlocker('face', { email: 'anna@example.com', faceEnrolled: false })).toBe(
      FACE_MISSING,
    );
    expect(factorBlocker('face', { email: '', faceEnrolled: true })).toBeNull();
  });

  it('judges addresses as the API does', () => {
    expect(isValidEmail('a.b@example.org')).toBe(true);
    expect(isValidEmail(' a@example.org')).toBe(false);
    expect(isValidEmail('not an address')).toBe(false);
  });
});

describe('saving factors beside a profile edit', () => {
  const withEmail = { ...DEFAULT_MFA, webLogin: 'email' as const };

  it('tells a configuration that uses email from one that does not', () => {
    expect(usesEmail(DEFAULT_MFA)).toBe(false);
    expect(usesEmail({ ...DEFAULT_MFA, appUnlock: 'email' })).toBe(true);
    expect(sameMfa(DEFAULT_MFA, { ...DEFAULT_MFA })).toBe(true);
    expect(sameMfa(DEFAULT_MFA, withEmail)).toBe(false);
  });

  it('saves the factors first unless they need the email the edit is adding', () => {
    expect(factorsFirst(withEmail, '')).toBe(false);
    expect(factorsFirst(withEmail, 'anna@example.com')).toBe(true);
    // Leaving email while clearing the address: the factors must change first.
    expect(factorsFirst(DEFAULT_MFA, 'anna@example.com')).toBe(true);
  });
});
