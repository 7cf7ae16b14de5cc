import { A, revalidate, useLocation, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { MeResponse } from '../../../schemas/me';
import { api, unwrap } from '../../lib/api';
import { initials } from '../../ui/format';
import { LogOut, LogoMark } from '../../ui/icons';
import { rememberKick } from '../auth/kick-notice';
import { moduleOfPath, visibleWebModules } from './web-modules';

export function AppHeader(props: { me: MeResponse }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [signingOut, setSigningOut] = createSignal(false);
  const modules = () => visibleWebModules(props.me.permissions);

  const signOut = async () => {
    setSigningOut(true);
    try {
      await unwrap(api.auth.logout.$post());
    } catch {
      // The session may already be gone; the login page is the right place either way.
    }
    rememberKick('logged_out');
    await revalidate('me');
    navigate('/login', { replace: true });
  };

  return (
    <header class="header">
      <A class="header__brand" href="/">
        <LogoMark />
        <span>Gatehouse</span>
      </A>
      <nav class="header__nav" aria-label="Modules">
        <For each={modules()}>
          {(m) => (
            <A
              href={m.href}
              class="header__module"
              classList={{ 'header__module--active': moduleOfPath(location.pathname) === m.key }}
            >
              {m.label}
            </A>
          )}
        </For>
      </nav>
      <div class="header__user">
        <A class="header__who" href="/password" title="Change your password">
          <span class="header__name">{props.me.user.displayName}</span>
          <span class="header__meta">
            {props.me.user.username} · {props.me.user.companyName}
          </span>
        </A>
        <span class="avatar" aria-hidden="true">
          {initials(props.me.user.displayName)}
        </span>
        <button
          class="button button--ghost"
          type="button"
          onClick={signOut}
          disabled={signingOut()}
        >
          <LogOut />
          <Show when={!signingOut()} fallback="Signing out…">
            Sign out
          </Show>
        </button>
      </div>
    </header>
  );
}
