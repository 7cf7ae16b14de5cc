import { createSignal } from 'solid-js';
import type { Locale } from './locale';

/** The language the screens speak now; `setLocale` in `./index` changes it with its catalog. */
const [locale, setLocaleState] = createSignal<Locale>('en');

export { locale, setLocaleState };
