import { KICK_REASONS, type KickReason, type LiveMessage } from '../../../schemas/live';

export interface LiveHandlers {
  onKicked(reason: KickReason): void;
  onChanged(
    message: Extract<
      LiveMessage,
      { type: 'permissions_changed' | 'expiry_changed' | 'mfa_changed' }
    >,
  ): void;
  /** The socket dropped without a kick: the caller re-checks the session with the server. */
  onDropped(): void;
  /** The server locked this APP session (idle past its limit): show the unlock step. */
  onLocked?(): void;
}

const KICK_CLOSE_CODE = 4001;

/** The WEB console's socket: same origin, authenticated by the session cookie. */
export function cookieLiveUrl(): Promise<string> {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return Promise.resolve(`${scheme}://${location.host}/api/v1/live`);
}

/**
 * Keeps a WebSocket open to the user's SessionHub and reports kicks, changes and locks.
 * `url` is asked afresh for every (re)connect: a bearer client fetches a single-use ticket
 * there. Reconnects with backoff after network drops (or a failed `url`); a kick is final.
 * Returns a function that stops it.
 */
export function connectLive(
  handlers: LiveHandlers,
  url: () => Promise<string> = cookieLiveUrl,
): () => void {
  let socket: WebSocket | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const kicked = (reason: KickReason) => {
    if (stopped) return;
    stopped = true;
    handlers.onKicked(reason);
  };

  const again = () => {
    if (stopped) return;
    attempt += 1;
    handlers.onDropped();
    retry = setTimeout(open, Math.min(30_000, 500 * 2 ** attempt));
  };

  const open = async () => {
    let address: string;
    try {
      address = await url();
    } catch {
      again();
      return;
    }
    if (stopped) return;
    socket = new WebSocket(address);
    socket.onopen = () => {
      attempt = 0;
      heartbeat = setInterval(() => socket?.send('ping'), 30_000);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as LiveMessage;
      if (message.type === 'kicked') kicked(message.reason);
      else if (message.type === 'locked') handlers.onLocked?.();
      else if (
        message.type === 'permissions_changed' ||
        message.type === 'expiry_changed' ||
        message.type === 'mfa_changed'
      ) {
        handlers.onChanged(message);
      }
    };
    socket.onclose = (event) => {
      clearInterval(heartbeat);
      if (stopped) return;
      if (event.code === KICK_CLOSE_CODE) {
        kicked(event.reason in KICK_REASONS ? (event.reason as KickReason) : 'revoked');
        return;
      }
      again();
    };
  };
  void open();

  return () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(heartbeat);
    socket?.close(1000, 'bye');
  };
}
