import { onCleanup } from 'solid-js';
import { unwrap } from '../../lib/api';
import { connectLive } from '../live/live-connection';
import { appApi } from './app-api';
import { endSession, loadMe, markLocked, unlockFactorChanged } from './app-session';
import { readToken } from './app-token';

/** A bearer client opens `/live` with a single-use ticket, fetched for every (re)connect. */
async function ticketUrl(): Promise<string> {
  const { ticket } = await unwrap(appApi.live.ticket.$post());
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live?ticket=${encodeURIComponent(ticket)}`;
}

/** How long a socket outlives the session's end on this screen, to hear why it ended. */
const LINGER_MS = 3000;

/**
 * Renders nothing; keeps the APP's live socket open while it has a session (locked or not:
 * unlocking keeps the same socket). A kick ends the session with its reason, `locked` shows the
 * lock screen, a change re-reads `/me`.
 */
export function AppLive() {
  const token = readToken();
  const stop = connectLive(
    {
      onKicked(reason) {
        // A kick that arrives after another account signed in here is not that account's.
        const current = readToken();
        if (current === null || current === token) endSession(reason);
      },
      onLocked: markLocked,
      onChanged(message) {
        if (message.type === 'mfa_changed' && message.appUnlock) {
          unlockFactorChanged(message.appUnlock);
        }
        void loadMe();
      },
      onDropped: () => void loadMe(),
    },
    ticketUrl,
  );
  // An answer that said "session ended" unmounts this; the kick with its reason may follow.
  onCleanup(() => setTimeout(stop, LINGER_MS));
  return null;
}
