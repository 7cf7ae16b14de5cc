import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createMemo, lazy, Match, onMount, Show, Switch } from 'solid-js';
import { t } from '../../i18n';
import { Spinner } from '../../ui/spinner';
import { ToastHost } from '../../ui/toast';
import { SignedInFrame } from './app-frame';
import { AppLive } from './app-live';
import { AppLockScreen } from './app-lock-screen';
import { AppUnreachable, OfflineBanner } from './app-offline';
import { online } from './app-online';
import { keepInsideScope } from './app-scope';
import { finishPendingLogout, loadMe, me, status } from './app-session';
import { AppSignIn } from './app-sign-in';

// Choosing a password brings zod and the password policy along: only for who needs it.
const AppChoosePassword = lazy(() =>
  import('./app-choose-password').then((m) => ({ default: m.AppChoosePassword })),
);
const AppHome = lazy(() => import('./app-home'));
const AppModuleScreen = lazy(() => import('./app-module'));
const AppProfile = lazy(() => import('./app-profile'));

/** The APP: its own entry (/app/), phone first, signed in with a bearer token. */
export function AppRoot() {
  keepInsideScope();
  return (
    <>
      <Router base="/app" root={AppGate}>
        <Route path="/" component={AppHome} />
        <Route path="/m/:module" component={AppModuleScreen} />
        <Route path="/profile" component={AppProfile} />
        <Route path="*" component={() => <Navigate href="/" />} />
      </Router>
      <ToastHost />
    </>
  );
}

/**
 * Chooses the screen from the session's state; the routed screen shows only while signed in
 * and unlocked. The live socket spans locked and unlocked (unlocking keeps it).
 */
function AppGate(props: RouteSectionProps) {
  const live = createMemo(() => status() === 'ready' || status() === 'locked');
  onMount(() => {
    void finishPendingLogout();
    void loadMe();
  });
  // Opened offline with a kept token: ask again as soon as the network returns.
  createEffect(() => {
    if (online() && status() === 'unreachable') void loadMe();
  });

  return (
    <>
      <OfflineBanner />
      <Show when={live()}>
        <AppLive />
      </Show>
      <Switch
        fallback={
          <div class="app-loading">
            <Spinner label={t('app.opening')} />
          </div>
        }
      >
        <Match when={status() === 'signed_out'}>
          <AppSignIn />
        </Match>
        <Match when={status() === 'locked'}>
          <AppLockScreen />
        </Match>
        <Match when={status() === 'unreachable'}>
          <AppUnreachable />
        </Match>
        <Match when={status() === 'ready' && me()?.user.mustChangePassword}>
          <AppChoosePassword />
        </Match>
        <Match when={status() === 'ready' && me()}>
          <SignedInFrame>{props.children}</SignedInFrame>
        </Match>
      </Switch>
    </>
  );
}
