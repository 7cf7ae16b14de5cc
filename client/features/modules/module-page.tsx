import { useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { holdsModule, PERMISSION_CATALOG, type PermissionNode } from '../../../schemas/permissions';
import { t } from '../../i18n';
import { permissionLabel } from '../../i18n/permission-label';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { ForbiddenState } from '../../ui/forbidden-state';
import { NotFoundState } from '../../ui/not-found-state';
import { webModuleLabel } from '../shell/web-modules';

const leaves = (n: PermissionNode): PermissionNode[] =>
  n.children?.length ? n.children.flatMap(leaves) : [n];

/**
 * An integrator's module (monitor, playback, reports …): Gatehouse only decides who sees it
 * and which of its function points they hold; the module itself lives elsewhere.
 */
export default function ModulePage() {
  const params = useParams<{ module: string }>();
  const { me } = useMe();
  const module = () => PERMISSION_CATALOG.web.find((m) => m.key === `web.${params.module}`);
  const held = () => new Set(me()?.permissions ?? []);
  const label = () => {
    const m = module();
    return m && webModuleLabel(m.key);
  };
  usePageTitle(label);
  return (
    <Show when={module()} fallback={<NotFoundState title={t('shell.noSuchModule')} />}>
      {(m) => (
        <Show
          when={holdsModule(held(), m().key)}
          fallback={<ForbiddenState permission={m().key} />}
        >
          <div class="page">
            <div class="page__head">
              <div>
                <h1>{label()}</h1>
                <p class="muted">{t('shell.moduleLead')}</p>
              </div>
            </div>
            <section class="card">
              <h3>{t('shell.functionPoints')}</h3>
              <ul class="stat-list">
                <For each={leaves(m())}>
                  {(p) => (
                    <li>
                      <span>{permissionLabel(p.key)}</span>
                      <strong classList={{ muted: !held().has(p.key) }}>
                        {held().has(p.key) ? t('shell.allowed') : t('shell.notGranted')}
                      </strong>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </div>
        </Show>
      )}
    </Show>
  );
}
