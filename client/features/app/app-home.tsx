import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { t } from '../../i18n';
import { ChevronRight, Layers } from '../../ui/icons';
import { heldAppModules } from './app-modules';
import { me } from './app-session';

const greeting = (name: string) => {
  const hour = new Date().getHours();
  const key = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
  return t(`app.home.${key}`, { name });
};

/** Home: the APP modules the user holds, as tiles that open each module. */
export default function AppHome() {
  const modules = () => heldAppModules(me()?.permissions ?? []);
  const firstName = () => me()?.user.displayName.split(/\s+/)[0] ?? '';
  return (
    <div class="app-page">
      <section class="app-hello">
        <p class="app-hello__greet">{greeting(firstName())}</p>
        <p class="muted">{me()?.user.companyName}</p>
      </section>
      <Show
        when={modules().length > 0}
        fallback={
          <div class="app-empty">
            <Layers width="40" height="40" />
            <p>{t('app.home.noModules')}</p>
          </div>
        }
      >
        <h2 class="app-section-title">{t('app.home.yourModules')}</h2>
        <ul class="app-tiles" aria-label={t('app.home.modulesLabel')}>
          <For each={modules()}>
            {(m) => (
              <li>
                <A class="app-tile" href={m.key === 'app.profile' ? '/profile' : `/m/${m.slug}`}>
                  <span class="app-tile__icon">
                    <m.icon width="24" height="24" />
                  </span>
                  <span class="app-tile__label">{m.label}</span>
                  <span class="app-tile__meta">
                    {t('app.home.functionsHeld', m.held.length, m.total)}
                  </span>
                  <ChevronRight class="app-tile__chevron" />
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
