import { For } from 'solid-js';
import { LOCALE_NAMES, LOCALES, locale, setLocale, t } from '../i18n';
import { isLocale } from '../i18n/locale';

/** A native select of the languages, each named in itself; the choice is remembered. */
export function LanguagePicker(props: { class?: string }) {
  return (
    <label class={`language-picker ${props.class ?? ''}`}>
      <span class="sr-only">{t('common.language')}</span>
      <select
        value={locale()}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (isLocale(next)) void setLocale(next);
        }}
      >
        <For each={LOCALES}>
          {(l) => (
            <option value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
