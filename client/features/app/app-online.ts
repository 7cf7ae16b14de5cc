import { createSignal } from 'solid-js';

/**
 * Whether the APP can reach the server. The browser's `navigator.onLine` only knows whether a
 * network interface is up (and can be wrong after a reload in some browsers), so requests
 * report what they saw, and while offline a small probe asks the server every few seconds.
 */
const [online, setOnline] = createSignal(navigator.onLine);

export { online };

const PROBE_EVERY_MS = 5000;
let probe: ReturnType<typeof setTimeout> | undefined;

/** Any answer from the server (even an error) means online; a failed fetch means offline. */
export function reportReachable(reachable: boolean): void {
  setOnline(reachable);
  clearTimeout(probe);
  if (!reachable) probe = setTimeout(() => void checkReachable(), PROBE_EVERY_MS);
}

/** Asks the server's health route; reports what it found. */
export async function checkReachable(): Promise<boolean> {
  try {
    await fetch('/api/v1/health', { credentials: 'omit', cache: 'no-store' });
    reportReachable(true);
    return true;
  } catch {
    reportReachable(false);
    return false;
  }
}

window.addEventListener('online', () => void checkReachable());
window.addEventListener('offline', () => reportReachable(false));
void checkReachable();
