import { createSignal, For } from 'solid-js';
import { t } from '../i18n';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** Shows a short confirmation (or failure) in the corner; it goes away by itself. */
export function toast(text: string, kind: Toast['kind'] = 'success'): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, kind, text }]);
  setTimeout(
    () => setToasts((list) => list.filter((item) => item.id !== id)),
    kind === 'error' ? 6000 : 3500,
  );
}

export function ToastHost() {
  return (
    <div class="toasts" role="status" aria-live="polite" aria-label={t('ui.notifications')}>
      <For each={toasts()}>
        {(item) => <div class={`toast toast--${item.kind}`}>{item.text}</div>}
      </For>
    </div>
  );
}
