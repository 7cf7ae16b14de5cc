import { createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PERMISSION_CATALOG, type PermissionTree } from '../../../schemas/permissions';
import { usePageTitle } from '../../lib/page-title';
import { getMe } from '../../lib/session';
import { formatDate } from '../../ui/format';
import { Clock, Layers, Shield } from '../../ui/icons';
import { SessionsPanel } from '../sessions/sessions-panel';
import { visibleWebModules } from './web-modules';

const TREES: { key: PermissionTree; label: string }[] = [
  { key: 'function', label: 'Functions' },
  { key: 'web', label: 'WEB modules' },
  { key: 'app', label: 'APP modules' },
];

export function OverviewPage() {
  usePageTitle('Overview');
  const me = createAsync(() => getMe());
  const countIn = (tree: PermissionTree) =>
    (me()?.permissions ?? []).filter((k) => k.startsWith(`${tree}.`)).length;

  return (
    <Show when={me()}>
      {(m) => (
        <div class="page">
          <div class="page__head">
            <div>
              <h1>Welcome, {m().user.displayName}</h1>
              <p class="muted">
                You manage <strong>{m().scope.companyName}</strong> and all its subsidiaries.
              </p>
            </div>
          </div>
          <div class="cards">
            <section class="card">
              <h3>
                <Shield /> Your authority
              </h3>
              <ul class="stat-list">
                <For each={TREES}>
                  {(t) => (
                    <li>
                      <span>{t.label}</span>
                      <strong>
                        {countIn(t.key)}
                        <span class="muted small"> held</span>
                      </strong>
                    </li>
                  )}
                </For>
              </ul>
            </section>
            <section class="card">
              <h3>
                <Clock /> This session
              </h3>
              <ul class="stat-list">
                <li>
                  <span>Signed in with</span>
                  <strong>{m().session.client === 'web' ? 'WEB console' : 'APP'}</strong>
                </li>
                <li>
                  <span>Session ends</span>
                  <strong>{formatDate(m().session.expiresAt, true)}</strong>
                </li>
                <li>
                  <span>Account expires</span>
                  <strong>{formatDate(m().user.expiresAt, true)}</strong>
                </li>
              </ul>
            </section>
            <div class="card--wide">
              <SessionsPanel userId={m().user.id} title="Your live sessions" canEnd />
            </div>
            <section class="card card--wide">
              <h3>
                <Layers /> Modules you can open
              </h3>
              <Show
                when={visibleWebModules(m().permissions).length > 0}
                fallback={
                  <p class="muted">Your account holds no WEB module yet. Ask an administrator.</p>
                }
              >
                <div class="chips">
                  <For each={visibleWebModules(m().permissions)}>
                    {(mod) => <span class="chip">{mod.label}</span>}
                  </For>
                </div>
              </Show>
              <p class="muted small">
                The catalog declares {PERMISSION_CATALOG.web.length} WEB and{' '}
                {PERMISSION_CATALOG.app.length} APP modules.
              </p>
            </section>
          </div>
        </div>
      )}
    </Show>
  );
}
