import type { KickReason, LiveMessage } from '../../schemas/auth';
import type { Bindings } from '../env';
import { type FanOutTask, tell } from './fan-out';

/**
 * The one way features reach a user's SessionHub: the stub for one user, and fan-outs over
 * many. Callers pass only accounts with live sessions (`liveAmong`), so a change to 50 000
 * accounts wakes the hubs that have someone to tell, not 50 000 objects.
 */
export function hubFor(env: Bindings, userId: string) {
  return env.SESSION_HUB.get(env.SESSION_HUB.idFromName(userId));
}

/** Up to this many hubs are told from the request itself; more go to a FanOut job. */
const DIRECT_LIMIT = 64;
const DIRECT_CONCURRENCY = 16;

async function fanOut(env: Bindings, userIds: string[], task: FanOutTask): Promise<void> {
  if (userIds.length > DIRECT_LIMIT) {
    // Stored first and worked off by an alarm: survives a restart, and the request is done.
    await env.FAN_OUT.get(env.FAN_OUT.newUniqueId()).start(task, userIds);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < userIds.length) {
      const id = userIds[next++];
      if (id)
        await tell(env, id, task).catch((error) =>
          console.error('hub fan-out failed', id, String(error)),
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(DIRECT_CONCURRENCY, userIds.length) }, worker));
}

/** Ends every live session of these users and tells their open screens why. */
export function endSessionsOf(env: Bindings, userIds: string[], reason: KickReason) {
  return fanOut(env, userIds, { kind: 'end_all', reason });
}

/** Pushes a change notice to every open screen of these users. */
export function broadcastTo(env: Bindings, userIds: string[], message: LiveMessage) {
  return fanOut(env, userIds, { kind: 'broadcast', message });
}

/** Asks each user's hub to re-read the account (an expiry moved) and act on it. */
export function recheckAccounts(env: Bindings, userIds: string[]) {
  return fanOut(env, userIds, { kind: 'recheck' });
}
