import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { ChevronRight, Layers } from '../../ui/icons';
import { heldAppModules } from './app-modules';
import { me } from './app-session';

const greeting = () => {
  const hour = new Date().getHours();
  return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
};

/** Home: the APP modules the user holds, as tiles that open each module. */
export default function AppHome() {
  const modules = () => heldAppModules(me()?.permissions ?? []);
  const firstName = () => me()?.user.displayName.split(/\s+/)[0] ?? '';
  return (
    <div class="app-page">
      <section class="app-hello">
        <p class="app-hello__greet">
          {greeting()}, {firstName()}
        </p>
        <p class="muted">{me()?.user.companyName}</p>
      </section>
      <Show
        when={modules().length > 0}
        fallback={
          <div class="app-empty">
            <Layers width="40" height="40" />
            <p>Your account holds no APP module yet. Ask your administrator for access.</p>
          </div>
        }
      >
        <h2 class="app-section-title">Your modules</h2>
        <ul class="app-tiles" aria-label="APP modules">
          <For each={modules()}>
            {(m) => (
              <li>
                <A class="app-tile" href={m.key === 'app.profile' ? '/profile' : `/m/${m.slug}`}>
                  <span class="app-tile__icon">
                    <m.icon width="24" height="24" />
                  </span>
                  <span class="app-tile__label">{m.label}</span>
                  <span class="app-tile__meta">
                    {m.held.length} of {m.total} {m.total === 1 ? 'function' : 'functions'}
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
