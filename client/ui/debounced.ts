import { createSignal } from 'solid-js';

/**
 * A text input's value now, and the same value settled after `ms` of quiet (for server-side
 * search). `onSettle` runs before the settled value changes (e.g. to reset paging).
 */
export function createDebounced(ms = 250, onSettle?: () => void) {
  const [value, setValue] = createSignal('');
  const [settled, setSettled] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const input = (next: string) => {
    setValue(next);
    clearTimeout(timer);
    timer = setTimeout(() => {
      onSettle?.();
      setSettled(next.trim());
    }, ms);
  };
  return { value, settled, input };
}
