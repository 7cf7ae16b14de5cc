import { constantTimeEqual, hmacBase64Url, randomBytes, toBase64Url } from './encoding';

/**
 * Ids that travel with a user id and lead the Worker to that user's Durable Object (a session
 * id, a live ticket): a random part, then a MAC (keyed by the pepper) over the purpose, the
 * user id and the random part. The Worker checks the MAC before it wakes any hub, so a made-up
 * token or ticket for any user id costs nothing — no Durable Object is woken, or created, for
 * it. The ids keep their length: the MAC replaces random characters, and the secrets that
 * authenticate (the token's 256-bit secret, the ticket's own hash in the hub) are unchanged.
 */
export type RoutedIdPurpose = 'session' | 'ticket';

const SHAPES: Record<RoutedIdPurpose, { random: number; mac: number }> = {
  // 8 + 8 base64url characters: 48 random bits to tell a user's sessions apart, 48 of MAC.
  session: { random: 8, mac: 8 },
  // 16 + 16: the ticket's random half is also its single-use secret (hashed in the hub).
  ticket: { random: 16, mac: 16 },
};

async function macOf(pepper: string, purpose: RoutedIdPurpose, userId: string, random: string) {
  const mac = await hmacBase64Url(pepper, `${purpose}:${userId}.${random}`);
  return mac.slice(0, SHAPES[purpose].mac);
}

export async function newRoutedId(
  pepper: string,
  purpose: RoutedIdPurpose,
  userId: string,
): Promise<string> {
  const random = toBase64Url(randomBytes(12)).slice(0, SHAPES[purpose].random);
  return random + (await macOf(pepper, purpose, userId, random));
}

export async function routedIdAuthentic(
  pepper: string,
  purpose: RoutedIdPurpose,
  userId: string,
  id: string,
): Promise<boolean> {
  const { random, mac } = SHAPES[purpose];
  if (id.length !== random + mac) return false;
  const expected = await macOf(pepper, purpose, userId, id.slice(0, random));
  return constantTimeEqual(id.slice(random), expected);
}
