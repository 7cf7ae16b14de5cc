import { A, revalidate, useLocation, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { MeResponse } from '../../../schemas/me';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { getMe } from '../../lib/session';
import { initials } from '../../ui/format';
import { LogOut, LogoMark, Menu } from '../../ui/icons';
import { LanguagePicker } from '../../ui/language-picker';
import { rememberKick } from '../auth/kick-notice';
import { drawerOpen, MENU_BUTTON_ID, setDrawerOpen, TREE_PANE_ID } from './drawer';
import { moduleOfPath, visibleWebModules, webModuleLabel } from './web-modules';

/**
 * The console's header: on wide screens one row (brand, module tabs, language, who, sign out);
 * on narrow ones the module tabs wrap to a second, scrollable row and a menu button opens the
 * company tree drawer. Sign out never leaves the screen.
 */
export function AppHeader(props: { me: MeResponse; hasTree: boolean }) {
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
    await revalidate(getMe.key);
    navigate('/login', { replace: true });
  };

  return (
    <header class="header">
      <a class="skip-link" href="#content">
        {t('shell.skipToContent')}
      </a>
      <Show when={props.hasTree}>
        <button
          id={MENU_BUTTON_ID}
          type="button"
          class="icon-button header__menu"
          aria-label={t('shell.openMenu')}
          aria-expanded={drawerOpen()}
          aria-controls={TREE_PANE_ID}
          onClick={() => setDrawerOpen(!drawerOpen())}
        >
          <Menu />
        </button>
      </Show>
      <A class="header__brand" href="/">
        <LogoMark />
        <span>{t('common.appName')}</span>
      </A>
      <nav class="header__nav" aria-label={t('shell.modulesNav')}>
        <For each={modules()}>
          {(m) => (
            <A
              href={m.href}
              class="header__module"
              classList={{ 'header__module--active': moduleOfPath(location.pathname) === m.key }}
            >
              {webModuleLabel(m.key)}
            </A>
          )}
        </For>
      </nav>
      <div class="header__user">
        <LanguagePicker class="header__language" />
        <A class="header__who" href="/password" title={t('shell.changePassword')}>
          <span class="header__name">{props.me.user.displayName}</span>
          <span class="header__meta">
            {props.me.user.username} · {props.me.user.companyName}
          </span>
        </A>
        <span class="avatar" aria-hidden="true">
          {initials(props.me.user.displayName)}
        </span>
        <button
          class="button button--ghost header__signout"
          type="button"
          onClick={signOut}
          disabled={signingOut()}
        >
          <LogOut />
          <span class="header__signout-label">
            {signingOut() ? t('shell.signingOut') : t('shell.signOut')}
          </span>
        </button>
      </div>
    </header>
  );
}
