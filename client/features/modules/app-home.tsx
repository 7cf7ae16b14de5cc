import { createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createEffect, For, Show } from 'solid-js';
import { holdsModule, PERMISSION_CATALOG } from '../../../schemas/permissions';
import { api, unwrap } from '../../lib/api';
import { getMe } from '../../lib/session';
import { LogoMark } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { rememberKick } from '../auth/kick-notice';
import { useLiveSession } from '../live/use-live-session';

/** The minimal APP shell: the APP modules the signed-in user holds, as phone tiles. */
export default function AppHome() {
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  createEffect(() => {
    const current = me();
    if (current === null) navigate('/login', { replace: true });
    else if (current?.user.mustChangePassword) navigate('/password', { replace: true });
  });
  const signOut = async () => {
    await unwrap(api.auth.logout.$post()).catch(() => undefined);
    rememberKick('logged_out');
    await revalidate('me');
    navigate('/login', { replace: true });
  };
  const modules = () => {
    const held = new Set(me()?.permissions ?? []);
    return PERMISSION_CATALOG.app.filter((m) => holdsModule(held, m.key));
  };
  return (
    <div class="app-home">
      <header class="app-home__bar">
        <LogoMark width="24" height="24" />
        <span>Gatehouse</span>
        <Show when={me()}>
          <button type="button" class="button button--ghost" onClick={signOut}>
            Sign out
          </button>
        </Show>
      </header>
      <Show
        when={me()}
        fallback={
          <div class="page-loading">
            <Spinner />
          </div>
        }
      >
        {(m) => (
          <main class="app-home__main">
            <LiveNotices />
            <p class="muted">Signed in as</p>
            <h1>{m().user.displayName}</h1>
            <Show
              when={modules().length > 0}
              fallback={<p class="muted">Your account holds no APP module yet.</p>}
            >
              <ul class="tiles" aria-label="APP modules">
                <For each={modules()}>{(mod) => <li class="tile">{mod.label}</li>}</For>
              </ul>
            </Show>
          </main>
        )}
      </Show>
    </div>
  );
}

/** Renders nothing; connects the APP screen to its live notices while signed in. */
function LiveNotices() {
  useLiveSession();
  return null;
}
