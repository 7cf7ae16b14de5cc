import { createAsync, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, type ParentProps, Show } from 'solid-js';
import type { MeResponse } from '../../../schemas/me';
import { getMe } from '../../lib/session';
import { Spinner } from '../../ui/spinner';
import { CompanyTreePane } from '../companies/company-tree-pane';
import { useLiveSession } from '../live/use-live-session';
import { AppHeader } from './app-header';
import { PageErrors } from './page-guard';
import './shell-phone.css';

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
          <Spinner /> Loading Gatehouse…
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

  return (
    <div class="shell">
      <AppHeader me={props.me} />
      <div
        class="shell__body"
        classList={{
          'shell__body--no-pane': !props.me.permissions.includes('function.companies.view'),
          // On a phone the tree pane shows on the home page only (shell-phone.css).
          'shell__body--home': location.pathname === '/',
        }}
      >
        <Show when={props.me.permissions.includes('function.companies.view')}>
          <CompanyTreePane
            scopeName={props.me.scope.companyName}
            canCreateUsers={props.me.permissions.includes('function.users.create')}
            canViewRoles={props.me.permissions.includes('function.roles.view')}
          />
        </Show>
        <main class="shell__content" id="content">
          <PageErrors>{props.children}</PageErrors>
        </main>
      </div>
    </div>
  );
}
