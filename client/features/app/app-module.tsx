import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { Check, Layers } from '../../ui/icons';
import { heldAppModules } from './app-modules';
import { me } from './app-session';

/**
 * One APP module (monitor, alerts …): the module itself lives with the integrator; Gatehouse
 * decides who sees it and which of its function points they may use.
 */
export default function AppModuleScreen() {
  const params = useParams<{ module: string }>();
  const module = () =>
    heldAppModules(me()?.permissions ?? []).find((m) => m.slug === params.module);
  return (
    <div class="app-page">
      <Show
        when={module()}
        fallback={
          <div class="app-empty">
            <Layers width="40" height="40" />
            <p>This module is not available to your account.</p>
            <A class="button" href="/">
              Back to your modules
            </A>
          </div>
        }
      >
        {(m) => (
          <>
            <section class="app-module-head">
              <span class="app-tile__icon app-tile__icon--large">
                <Dynamic component={m().icon} width="28" height="28" />
              </span>
              <div>
                <h1>{m().label}</h1>
                <p class="muted">
                  {m().held.length} of {m().total} function points granted to you
                </p>
              </div>
            </section>
            <Show
              when={m().held.length > 0}
              fallback={
                <p class="app-card app-card--pad muted">
                  You see this module, but none of its functions are granted to you yet.
                </p>
              }
            >
              <ul class="app-card app-list" aria-label={`${m().label} functions`}>
                <For each={m().held}>
                  {(point) => (
                    <li class="app-list__row">
                      <span class="app-list__check">
                        <Check width="16" height="16" />
                      </span>
                      <span class="app-list__main">{point.label}</span>
                      <span class="tag tag--allowed">Allowed</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <p class="app-hint">
              The module's own screens come from your fleet platform; Gatehouse decides what you may
              use in them.
            </p>
          </>
        )}
      </Show>
    </div>
  );
}
