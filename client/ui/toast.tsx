import { createSignal, For } from 'solid-js';

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
    () => setToasts((list) => list.filter((t) => t.id !== id)),
    kind === 'error' ? 6000 : 3500,
  );
}

export function ToastHost() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>{(t) => <div class={`toast toast--${t.kind}`}>{t.text}</div>}</For>
    </div>
  );
}
