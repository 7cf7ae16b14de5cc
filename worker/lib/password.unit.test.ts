import { describe, expect, it } from 'vitest';
import {
  CURRENT_PARAMS,
  DUMMY_HASH,
  hashPassword,
  PBKDF2_MAX_ITERATIONS,
  verifyPassword,
} from './password';

describe('password hashing', () => {
  it('never asks PBKDF2 for more than the 100 000 iterations production Workers allow', () => {
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    expect(CURRENT_PARAMS.iterations).toBeLessThanOrEqual(100_000);
  });

  it('writes a versioned string naming the algorithm, the iterations and the salt', async () => {
    const hash = await hashPassword('s3cret', 'pepper');
    expect(hash).toMatch(/^pbkdf2-sha256\$i=100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await hashPassword('s3cret', 'pepper')).not.toBe(hash);
  });

  it('verifies the right password only, and only with the same pepper', async () => {
    const hash = await hashPassword('s3cret', 'pepper');
    expect(await verifyPassword('s3cret', hash, 'pepper')).toEqual({
      ok: true,
      needsRehash: false,
    });
    expect((await verifyPassword('s3cret!', hash, 'pepper')).ok).toBe(false);
    expect((await verifyPassword('s3cret', hash, 'other pepper')).ok).toBe(false);
  });

  it('asks for a re-hash when a hash was made with older parameters', async () => {
    const current = await hashPassword('s3cret', 'pepper');
    const [, , salt] = current.split('$');
    // Re-derive the same password with fewer iterations to stand for an old hash.
    const old = await (async () => {
      const enc = new TextEncoder();
      const key = await crypto.subtle.importKey('raw', enc.encode('s3cret'), 'PBKDF2', false, [
        'deriveBits',
      ]);
      const saltBytes = Uint8Array.from(
        atob(`${(salt ?? '').replaceAll('-', '+').replaceAll('_', '/')}==`),
        (c) => c.charCodeAt(0),
      );
      const bits = await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: 'SHA-256', salt: saltBytes, iterations: 1000 },
        key,
        256,
      );
      const pk = await crypto.subtle.importKey(
        'raw',
        enc.encode('pepper'),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', pk, bits));
      const b64 = btoa(String.fromCharCode(...mac))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '');
      return `pbkdf2-sha256$i=1000$${salt}$${b64}`;
    })();
    expect(await verifyPassword('s3cret', old, 'pepper')).toEqual({ ok: true, needsRehash: true });
  });

  it('refuses stored hashes above the iteration cap or of an unknown algorithm', async () => {
    const hash = await hashPassword('s3cret', 'pepper');
    const inflated = hash.replace('i=100000', 'i=100001');
    expect((await verifyPassword('s3cret', inflated, 'pepper')).ok).toBe(false);
    expect((await verifyPassword('s3cret', `md5$${hash}`, 'pepper')).ok).toBe(false);
  });

  it('has a well-formed dummy hash so unknown users cost a full verification', async () => {
    expect(DUMMY_HASH).toMatch(/^pbkdf2-sha256\$i=100000\$/);
    expect((await verifyPassword('anything', DUMMY_HASH, 'pepper')).ok).toBe(false);
  });
});
