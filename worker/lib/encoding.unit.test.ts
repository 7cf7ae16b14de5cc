import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromBase64Url, newId, randomBytes, toBase64Url } from './encoding';

describe('encoding helpers', () => {
  it('round-trips bytes through base64url without padding', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = randomBytes(n);
      const text = toBase64Url(bytes);
      expect(text).not.toMatch(/[+/=]/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('makes prefixed ids of 16 alphanumerics that do not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('us')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^us_[A-Za-z0-9]{16}$/);
  });

  it('compares strings for equality', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
