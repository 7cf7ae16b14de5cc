import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url } from './encoding';

/**
 * Production Workers refuse PBKDF2 above 100 000 iterations (local workerd does not), so this
 * is both the strength we use and the ceiling a test pins.
 */
export const PBKDF2_MAX_ITERATIONS = 100_000;
export const CURRENT_PARAMS = { iterations: PBKDF2_MAX_ITERATIONS, saltBytes: 16, keyBits: 256 };

/**
 * Hashes are versioned strings so parameters can move and old hashes re-hash at login:
 * `pbkdf2-sha256$i=100000$<salt>$<hash>`; the derived key is then HMAC-ed with the secret
 * pepper, so a stolen database alone cannot be brute-forced.
 */
export async function hashPassword(
  password: string,
  pepper: string,
  // Other counts only make hashes "from before" a parameter change, for tests of the re-hash.
  iterations: number = CURRENT_PARAMS.iterations,
): Promise<string> {
  const salt = randomBytes(CURRENT_PARAMS.saltBytes);
  const hash = await derive(password, salt, iterations, pepper);
  return `pbkdf2-sha256$i=${iterations}$${toBase64Url(salt)}$${hash}`;
}

interface ParsedHash {
  iterations: number;
  salt: Uint8Array;
  hash: string;
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') return null;
  const iterations = Number(parts[1]?.replace(/^i=/, ''));
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    return null;
  }
  return { iterations, salt: fromBase64Url(parts[2] ?? ''), hash: parts[3] ?? '' };
}

export interface VerifyResult {
  ok: boolean;
  /** True when the hash was made with older parameters and should be replaced. */
  needsRehash: boolean;
}

export async function verifyPassword(
  password: string,
  stored: string,
  pepper: string,
): Promise<VerifyResult> {
  const parsed = parse(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const candidate = await derive(password, parsed.salt, parsed.iterations, pepper);
  const ok = constantTimeEqual(candidate, parsed.hash);
  return { ok, needsRehash: ok && parsed.iterations !== CURRENT_PARAMS.iterations };
}

/**
 * A fixed, valid hash to verify against when the user does not exist, so unknown users cost
 * the same time as wrong passwords.
 */
export const DUMMY_HASH =
  'pbkdf2-sha256$i=100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

async function derive(
  password: string,
  salt: Uint8Array,
  iterations: number,
  pepper: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    CURRENT_PARAMS.keyBits,
  );
  const pepperKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', pepperKey, bits)));
}
