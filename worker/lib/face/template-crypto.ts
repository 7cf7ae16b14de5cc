/**
 * Face templates and kept photos are encrypted at rest: AES-GCM with a key derived (HKDF) from
 * the server's secret pepper, and the user id (with what the bytes are) as associated data, so
 * a row copied onto another account, or a photo passed off as a template, does not decrypt.
 * Rotating the pepper makes every template unreadable: those accounts enrol again.
 */
const IV_BYTES = 12;
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(pepper: string): Promise<CryptoKey> {
  let key = keys.get(pepper);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', new TextEncoder().encode(pepper), 'HKDF', false, ['deriveKey'])
      .then((base) =>
        crypto.subtle.deriveKey(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: new TextEncoder().encode('gatehouse-face'),
            info: new TextEncoder().encode('face-template-v1'),
          },
          base,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(pepper, key);
  }
  return key;
}

type Kind = 'template' | 'photo';
const aad = (userId: string, kind: Kind) => new TextEncoder().encode(`${userId}:${kind}`);

export async function sealFaceBytes(
  pepper: string,
  userId: string,
  kind: Kind,
  plain: Uint8Array,
): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(userId, kind) },
    await keyFor(pepper),
    plain as Uint8Array<ArrayBuffer>,
  );
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return out;
}

/** The plain bytes, or null when they do not decrypt (another key, account or kind). */
export async function openFaceBytes(
  pepper: string,
  userId: string,
  kind: Kind,
  sealed: Uint8Array,
): Promise<Uint8Array | null> {
  if (sealed.byteLength <= IV_BYTES) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.slice(0, IV_BYTES), additionalData: aad(userId, kind) },
      await keyFor(pepper),
      sealed.subarray(IV_BYTES) as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** An embedding as stored: little-endian float32s. */
export function embeddingToBytes(embedding: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(embedding).buffer);
}

export function bytesToEmbedding(bytes: Uint8Array): number[] {
  const copy = bytes.slice();
  return Array.from(new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4)));
}
