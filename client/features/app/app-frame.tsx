import { A, useLocation } from '@solidjs/router';
import { createEffect, createMemo, type ParentProps, Show } from 'solid-js';
import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page-title';
import { initials } from '../../ui/format';
import { ChevronLeft, Home, LogoMark, UserIcon } from '../../ui/icons';
import { lastAnsweredAt } from './app-api';
import { useIdleLock } from './app-idle-lock';
import { heldAppModules } from './app-modules';
import { online } from './app-online';
import { loadMe, lockNow, me } from './app-session';

/** The signed-in, unlocked APP: a top bar, the screen, and tabs at the thumb. */
export function SignedInFrame(props: ParentProps) {
  const location = useLocation();
  const lockMinutes = () => me()?.user.appLockMinutes ?? 5;
  useIdleLock({
    limitMs: () => lockMinutes() * 60_000,
    onExpired: () => void lockNow(),
    onKeepAlive: () => void loadMe(),
    lastServerContact: lastAnsweredAt,
  });
  // Back online after a drop: re-read the user (permissions may have changed meanwhile).
  createEffect((wasOnline: boolean) => {
    const now = online();
    if (now && !wasOnline) void loadMe();
    return now;
  }, online());

  const path = () => location.pathname.replace(/^\/app/, '') || '/';
  const title = createMemo(() => {
    const p = path();
    if (p.startsWith('/profile')) return t('app.frame.profile');
    if (p.startsWith('/m/')) {
      const slug = p.split('/')[2];
      return heldAppModules(me()?.permissions ?? []).find((m) => m.slug === slug)?.label ?? '';
    }
    return t('common.appName');
  });
  const isHome = () => path() === '/' || path() === '';
  // Each screen names the tab and the task switcher: "Profile — Gatehouse", "Alerts — Gatehouse".
  usePageTitle(() => (isHome() ? undefined : title() || undefined));

  return (
    <div class="app">
      <header class="app-bar">
        <Show
          when={!isHome()}
          fallback={
            <span class="app-bar__brand">
              <LogoMark width="26" height="26" />
            </span>
          }
        >
          <A class="app-bar__back" href="/" aria-label={t('app.frame.backToModules')}>
            <ChevronLeft width="22" height="22" />
          </A>
        </Show>
        <span class="app-bar__title">{title()}</span>
        {/* Named by its text (the initials are only a picture of it): axe wants the name to hold
            what is seen, and a voice-control user says the name. */}
        <A class="app-bar__avatar" href="/profile">
          <span aria-hidden="true">{initials(me()?.user.displayName ?? '')}</span>
          <span class="sr-only">{t('app.frame.yourProfile')}</span>
        </A>
      </header>
      <main class="app-main" id="content">
        {props.children}
      </main>
      <nav class="app-tabs" aria-label={t('app.frame.nav')}>
        <A href="/" end class="app-tabs__tab" activeClass="app-tabs__tab--active">
          <Home width="22" height="22" />
          <span>{t('app.frame.home')}</span>
        </A>
        <A href="/profile" class="app-tabs__tab" activeClass="app-tabs__tab--active">
          <UserIcon width="22" height="22" />
          <span>{t('app.frame.profile')}</span>
        </A>
      </nav>
    </div>
  );
}
