import { KICK_REASONS, type KickReason, type LiveMessage } from '../../../schemas/live';

export interface LiveHandlers {
  onKicked(reason: KickReason): void;
  onChanged(type: 'permissions_changed' | 'expiry_changed'): void;
  /** The socket dropped without a kick: the caller re-checks the session with the server. */
  onDropped(): void;
}

const KICK_CLOSE_CODE = 4001;

/**
 * Keeps a WebSocket open to the user's SessionHub and reports kicks and changes. Reconnects
 * with backoff after network drops; a kick is final. Returns a function that stops it.
 */
export function connectLive(handlers: LiveHandlers): () => void {
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

  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/live`);
    socket.onopen = () => {
      attempt = 0;
      heartbeat = setInterval(() => socket?.send('ping'), 30_000);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as LiveMessage;
      if (message.type === 'kicked') kicked(message.reason);
      else if (message.type === 'permissions_changed' || message.type === 'expiry_changed') {
        handlers.onChanged(message.type);
      }
    };
    socket.onclose = (event) => {
      clearInterval(heartbeat);
      if (stopped) return;
      if (event.code === KICK_CLOSE_CODE) {
        kicked(event.reason in KICK_REASONS ? (event.reason as KickReason) : 'revoked');
        return;
      }
      attempt += 1;
      handlers.onDropped();
      retry = setTimeout(open, Math.min(30_000, 500 * 2 ** attempt));
    };
  };
  open();

  return () => {
    stopped = true;
    clearTimeout(retry);
    clearInterval(heartbeat);
    socket?.close(1000, 'bye');
  };
}
