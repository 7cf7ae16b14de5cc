import type { Call } from './api-client';

/** A client's live socket and when (if ever) it heard `kicked`. */
export interface WatchedSocket {
  ws: WebSocket;
  kickedAt: number | null;
}

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function eachLimited<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * Signs each user in (APP client), opens its `/live` socket by ticket and watches for
 * `kicked`. Few sign-ins at a time: each costs a password hash, and the throttle counts
 * attempts in flight per address.
 */
export async function openWatchedSockets(
  baseUrl: string,
  call: Call,
  password: string,
  usernames: string[],
): Promise<WatchedSocket[]> {
  const sockets: WatchedSocket[] = [];
  await eachLimited(usernames, 4, async (username) => {
    const login = await call('POST', '/auth/login', { username, password, client: 'app' });
    if (login.status !== 200) throw new Error(`sign-in of ${username}: ${login.status}`);
    const token = (login.body as { token: string }).token;
    const ticket = await call('POST', '/live/ticket', undefined, token);
    const value = (ticket.body as { ticket: string }).ticket;
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/live?ticket=${value}`);
    const watched: WatchedSocket = { ws, kickedAt: null };
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('message', (e) => {
        const message = JSON.parse(String(e.data)) as { type: string };
        if (message.type === 'hello') resolve();
        if (message.type === 'kicked' && watched.kickedAt === null) {
          watched.kickedAt = performance.now();
        }
      });
      ws.addEventListener('error', () => reject(new Error(`socket of ${username} failed`)));
    });
    sockets.push(watched);
  });
  return sockets;
}

/** Waits until every socket heard `kicked` or `ms` passed; the sockets that did. */
export async function waitForKicks(sockets: WatchedSocket[], ms: number): Promise<number> {
  const deadline = performance.now() + ms;
  const told = () => sockets.filter((s) => s.kickedAt !== null).length;
  while (told() < sockets.length && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return told();
}

export function closeAll(sockets: WatchedSocket[]): void {
  for (const s of sockets) {
    try {
      s.ws.close();
    } catch {
      // already closed by the server
    }
  }
}
