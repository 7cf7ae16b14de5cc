import { type Accessor, createSignal, onCleanup } from 'solid-js';

/**
 * Whole seconds left until an instant (0 once it passed), re-read every second for as long as
 * the calling component lives. The instant may change (a new code moves the resend time).
 */
export function createCountdown(until: Accessor<string | null | undefined>): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  return () => {
    const target = until();
    if (!target) return 0;
    return Math.max(0, Math.ceil((Date.parse(target) - now()) / 1000));
  };
}

/** `0:42`, `1:05`: a short countdown for a button label. */
export function formatCountdown(totalSeconds: number): string {
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
