import { createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PERMISSION_CATALOG, type PermissionTree } from '../../../schemas/permissions';
import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page-title';
import { getMe } from '../../lib/session';
import { formatDate } from '../../ui/format';
import { Clock, Layers, Shield } from '../../ui/icons';
import { SessionsPanel } from '../sessions/sessions-panel';
import { visibleWebModules, webModuleLabel } from './web-modules';

const TREES: PermissionTree[] = ['function', 'web', 'app'];

export function OverviewPage() {
  usePageTitle(() => t('shell.overviewTitle'));
  const me = createAsync(() => getMe());
  const countIn = (tree: PermissionTree) =>
    (me()?.permissions ?? []).filter((k) => k.startsWith(`${tree}.`)).length;

  return (
    <Show when={me()}>
      {(m) => (
        <div class="page">
          <div class="page__head">
            <div>
              <h1>{t('shell.welcome', { name: m().user.displayName })}</h1>
              <p class="muted">{t('shell.youManage', { company: m().scope.companyName })}</p>
            </div>
          </div>
          <div class="cards">
            <section class="card">
              <h3>
                <Shield /> {t('shell.authority')}
              </h3>
              <ul class="stat-list">
                <For each={TREES}>
                  {(tree) => (
                    <li>
                      <span>{t(`shell.trees.${tree}`)}</span>
                      <strong>
                        {countIn(tree)}
                        <span class="muted small"> {t('shell.held')}</span>
                      </strong>
                    </li>
                  )}
                </For>
              </ul>
            </section>
            <section class="card">
              <h3>
                <Clock /> {t('shell.thisSession')}
              </h3>
              <ul class="stat-list">
                <li>
                  <span>{t('shell.signedInWith')}</span>
                  <strong>
                    {m().session.client === 'web' ? t('shell.webConsole') : t('shell.app')}
                  </strong>
                </li>
                <li>
                  <span>{t('shell.sessionEnds')}</span>
                  <strong>{formatDate(m().session.expiresAt, true)}</strong>
                </li>
                <li>
                  <span>{t('shell.accountExpires')}</span>
                  <strong>{formatDate(m().user.expiresAt, true)}</strong>
                </li>
              </ul>
            </section>
            <div class="card--wide">
              <SessionsPanel userId={m().user.id} title={t('shell.liveSessions')} canEnd />
            </div>
            <section class="card card--wide">
              <h3>
                <Layers /> {t('shell.modulesYouCanOpen')}
              </h3>
              <Show
                when={visibleWebModules(m().permissions).length > 0}
                fallback={<p class="muted">{t('shell.noModules')}</p>}
              >
                <div class="chips">
                  <For each={visibleWebModules(m().permissions)}>
                    {(mod) => <span class="chip">{webModuleLabel(mod.key)}</span>}
                  </For>
                </div>
              </Show>
              <p class="muted small">
                {t(
                  'shell.catalogDeclares',
                  PERMISSION_CATALOG.web.length,
                  PERMISSION_CATALOG.app.length,
                )}
              </p>
            </section>
          </div>
        </div>
      )}
    </Show>
  );
}
