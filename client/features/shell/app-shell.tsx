import { createAsync, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, on, type ParentProps, Show } from 'solid-js';
import type { MeResponse } from '../../../schemas/me';
import { t } from '../../i18n';
import { getMe } from '../../lib/session';
import { Spinner } from '../../ui/spinner';
import { CompanyTreePane } from '../companies/company-tree-pane';
import { useLiveSession } from '../live/use-live-session';
import { AppHeader } from './app-header';
import { createNarrowScreen, drawerOpen, setDrawerOpen } from './drawer';
import { PageErrors } from './page-guard';

/** The signed-in frame: header, company tree pane and the routed content area. */
export function AppShell(props: ParentProps) {
  const navigate = useNavigate();
  const me = createAsync(() => getMe());

  createEffect(() => {
    const current = me();
    if (current === null) navigate('/login', { replace: true });
    else if (current?.user.mustChangePassword) navigate('/password', { replace: true });
  });

  return (
    <Show
      when={me()?.user.mustChangePassword === false ? me() : undefined}
      fallback={
        <div class="page-loading">
          <Spinner /> {t('shell.loadingApp')}
        </div>
      }
    >
      {(current) => <SignedIn me={current()}>{props.children}</SignedIn>}
    </Show>
  );
}

function SignedIn(props: ParentProps<{ me: MeResponse }>) {
  useLiveSession();
  const location = useLocation();
  const narrow = createNarrowScreen();
  const hasTree = () => props.me.permissions.includes('function.companies.view');
  // Choosing a company (or any page) in the drawer closes it.
  createEffect(
    on(
      () => location.pathname,
      () => setDrawerOpen(false),
      { defer: true },
    ),
  );

  return (
    <div class="shell">
      <AppHeader me={props.me} hasTree={hasTree()} />
      <div class="shell__body" classList={{ 'shell__body--no-pane': !hasTree() }}>
        <Show when={hasTree()}>
          <CompanyTreePane
            scopeName={props.me.scope.companyName}
            canCreateUsers={props.me.permissions.includes('function.users.create')}
            canViewRoles={props.me.permissions.includes('function.roles.view')}
            drawer={narrow()}
          />
          <Show when={narrow() && drawerOpen()}>
            <div class="drawer-backdrop" aria-hidden="true" onClick={() => setDrawerOpen(false)} />
          </Show>
        </Show>
        {/* While the drawer covers it, the page behind takes no focus or clicks. */}
        <main
          class="shell__content"
          id="content"
          tabIndex={-1}
          inert={narrow() && drawerOpen() ? true : undefined}
        >
          <PageErrors>{props.children}</PageErrors>
        </main>
      </div>
    </div>
  );
}
