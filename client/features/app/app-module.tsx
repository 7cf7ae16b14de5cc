import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { t } from '../../i18n';
import { permissionLabel } from '../../i18n/permission-label';
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
            <p>{t('app.module.unavailable')}</p>
            <A class="button" href="/">
              {t('app.module.back')}
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
                <p class="muted">{t('app.module.pointsGranted', m().held.length, m().total)}</p>
              </div>
            </section>
            <Show
              when={m().held.length > 0}
              fallback={<p class="app-card app-card--pad muted">{t('app.module.noneGranted')}</p>}
            >
              <ul
                class="app-card app-list"
                aria-label={t('app.module.functionsLabel', { module: m().label })}
              >
                <For each={m().held}>
                  {(point) => (
                    <li class="app-list__row">
                      <span class="app-list__check">
                        <Check width="16" height="16" />
                      </span>
                      <span class="app-list__main">{permissionLabel(point.key)}</span>
                      <span class="tag tag--allowed">{t('app.module.allowed')}</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <p class="app-hint">{t('app.module.note')}</p>
          </>
        )}
      </Show>
    </div>
  );
}
