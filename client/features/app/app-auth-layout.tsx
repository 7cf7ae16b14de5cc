import { type JSX, type ParentProps, Show } from 'solid-js';
import { t } from '../../i18n';
import { ChevronLeft, LogoMark } from '../../ui/icons';
import { LanguagePicker } from '../../ui/language-picker';

/**
 * The frame of the screens before the APP opens (sign-in, code, lock): the brand on top and
 * one card, full-width on a phone and a centred column on a wide screen.
 */
export function AuthLayout(
  props: ParentProps<{
    title: string;
    lead: string;
    back?: { label: string; onClick: () => void };
    /** Replaces the brand row (the lock screen shows whose APP it is). */
    top?: JSX.Element;
  }>,
) {
  return (
    <div class="app-auth">
      <div class="app-auth__top">
        <Show
          when={props.top}
          fallback={
            <div class="app-auth__brand">
              <LogoMark width="40" height="40" />
              <span>{t('common.appName')}</span>
            </div>
          }
        >
          {props.top}
        </Show>
        <LanguagePicker class="app-auth__language" />
      </div>
      <main class="app-auth__card">
        <Show when={props.back}>
          {(back) => (
            <button type="button" class="app-back" onClick={() => back().onClick()}>
              <ChevronLeft /> {back().label}
            </button>
          )}
        </Show>
        <h1>{props.title}</h1>
        <p class="app-auth__lead">{props.lead}</p>
        {props.children}
      </main>
    </div>
  );
}
