import { createSignal } from 'solid-js';

/** Chromium's install offer (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const [offer, setOffer] = createSignal<BeforeInstallPromptEvent | null>(null);

// The browser offers installing once the manifest and the service worker qualify; keep the
// offer for a button instead of its own mini-infobar.
window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  setOffer(event as BeforeInstallPromptEvent);
});
window.addEventListener('appinstalled', () => setOffer(null));

/** Whether this browser offers to install the APP now (not yet installed, criteria met). */
export const canInstall = () => offer() !== null;

/** Shows the browser's install dialog; the offer is used up either way. */
export async function installApp(): Promise<void> {
  const current = offer();
  if (!current) return;
  setOffer(null);
  await current.prompt();
}
