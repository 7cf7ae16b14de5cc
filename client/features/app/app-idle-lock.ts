import { onCleanup } from 'solid-js';
import { lockGraceMs } from '../../../schemas/mfa-rules';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

export interface IdleLockOptions {
  /** The limit: idle or hidden at least this long locks. */
  limitMs: () => number;
  onExpired: () => void;
  /**
   * The user is active and the server has heard nothing for a while: make a request, so the
   * server's own idle lock (it counts requests) does not lock a screen in use.
   */
  onKeepAlive: () => void;
  lastServerContact: () => number;
}

/**
 * Locks the APP after it sat idle (no touch, click, key or wheel) or hidden (another app, the
 * screen off) for the limit. For as long as the calling component lives. One timer, re-armed
 * for the time still left; hidden time is checked on return because a phone may freeze
 * timers of a page in the background.
 */
export function useIdleLock(options: IdleLockOptions): void {
  let lastActive = Date.now();
  let hiddenAt: number | null = document.visibilityState === 'hidden' ? Date.now() : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  let lastPing = 0;

  const expire = () => {
    if (expired) return;
    expired = true;
    clearTimeout(timer);
    options.onExpired();
  };
  const check = () => {
    const left = lastActive + options.limitMs() - Date.now();
    if (left <= 0) expire();
    else timer = setTimeout(check, Math.max(1000, left));
  };
  const active = () => {
    lastActive = Date.now();
    // Within the server's grace: its idle clock never trails this screen's by more than that.
    const keepAliveMs = lockGraceMs(options.limitMs());
    if (Date.now() - Math.max(options.lastServerContact(), lastPing) >= keepAliveMs) {
      lastPing = Date.now();
      options.onKeepAlive();
    }
  };
  const visibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenAt = Date.now();
      return;
    }
    if (hiddenAt !== null && Date.now() - hiddenAt >= options.limitMs()) expire();
    else active();
    hiddenAt = null;
  };

  for (const type of ACTIVITY_EVENTS) {
    window.addEventListener(type, active, { passive: true, capture: true });
  }
  document.addEventListener('visibilitychange', visibility);
  check();
  onCleanup(() => {
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, active, { capture: true });
    }
    document.removeEventListener('visibilitychange', visibility);
  });
}
