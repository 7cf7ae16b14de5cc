import type { KickReason, LiveMessage } from '../../schemas/auth';
import type { Bindings } from '../env';

/**
 * The one way features reach a user's SessionHub: the stub for one user, and fan-outs over
 * many (at most 16 hubs at a time, failures logged, never thrown).
 */
export function hubFor(env: Bindings, userId: string) {
  return env.SESSION_HUB.get(env.SESSION_HUB.idFromName(userId));
}

const FANOUT_CONCURRENCY = 16;

async function eachLimited(ids: string[], run: (id: string) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      if (id)
        await run(id).catch((error) => console.error('hub fan-out failed', id, String(error)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(FANOUT_CONCURRENCY, ids.length) }, worker));
}

/** Ends every live session of these users and tells their open screens why. */
export function endSessionsOf(env: Bindings, userIds: string[], reason: KickReason) {
  return eachLimited(userIds, (id) => hubFor(env, id).endAll(reason));
}

/** Pushes a change notice to every open screen of these users. */
export function broadcastTo(env: Bindings, userIds: string[], message: LiveMessage) {
  return eachLimited(userIds, (id) => hubFor(env, id).broadcast(message));
}

/** Asks each user's hub to re-read the account (an expiry moved) and act on it. */
export function recheckAccounts(env: Bindings, userIds: string[]) {
  return eachLimited(userIds, (id) => hubFor(env, id).recheckAccount());
}
