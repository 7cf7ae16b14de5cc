import { flatten, resolveTemplate, translator } from '@solid-primitives/i18n';
import { createSignal } from 'solid-js';
import { en, type Messages } from './en';
import { LOCALE_STORAGE_KEY, type Locale, pickLocale } from './locale';
import { locale, setLocaleState } from './state';

export { formatInstant, formatList, formatNumber, formatRelative } from './format';
export { LOCALE_NAMES, LOCALES, type Locale } from './locale';
export { locale };

type FlatMessages = ReturnType<typeof flatten<Messages>>;

const [messages, setMessages] = createSignal<FlatMessages>(flatten(en));

/**
 * `t('users.title')`, `t('users.count', 3)`, `t('users.greeting', { name })`: every word the
 * screens show. Keys are typed from the English catalog, so a wrong key fails `tsc`.
 */
export const t = translator(messages, resolveTemplate);

/** The catalog of a language; English is in the bundle, the others load when first chosen. */
async function catalogOf(next: Locale): Promise<Messages> {
  if (next === 'en') return en;
  return (await import('./zh-CN')).zhCN;
}

/** Switches every screen to `next` and remembers the choice on this device. */
export async function setLocale(next: Locale, remember = true): Promise<void> {
  const catalog = await catalogOf(next);
  setMessages(flatten(catalog));
  setLocaleState(next);
  document.documentElement.lang = next;
  if (!remember) return;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // Private mode or storage refused: the choice lasts for this page only.
  }
}

/** Before the first render: the saved language, else the browser's. */
export function startLocale(): Promise<void> {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    // No storage: follow the browser.
  }
  const initial = pickLocale(saved, navigator.languages ?? [navigator.language]);
  if (initial === 'en') {
    document.documentElement.lang = 'en';
    return Promise.resolve();
  }
  // Not remembered: a browser switched to another language later is followed.
  return setLocale(initial, false).catch(() => undefined);
}
