import { createSignal } from 'solid-js';

const [online, setOnline] = createSignal(navigator.onLine);
window.addEventListener('online', () => setOnline(true));
window.addEventListener('offline', () => setOnline(false));

/** Whether the device says it has a network (the browser's view; a request may still fail). */
export { online };
