import { A, createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { getMe } from '../../lib/session';
import { LogoMark } from '../../ui/icons';
import { toast } from '../../ui/toast';
import { ChoosePasswordForm } from './choose-password-form';

/** Shown after signing in with a password an admin set: the user picks its own first. */
export default function ChangePasswordPage() {
  usePageTitle('Choose a new password');
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  createEffect(() => {
    if (me() === null) navigate('/login', { replace: true });
  });

  const save = async (currentPassword: string, newPassword: string) => {
    await unwrap(api.me.password.$post({ json: { currentPassword, newPassword } }));
    toast('Password changed.');
    await revalidate('me');
    navigate('/', { replace: true });
  };

  const signOut = async () => {
    await unwrap(api.auth.logout.$post()).catch(() => undefined);
    await revalidate('me');
    navigate('/login', { replace: true });
  };

  return (
    <main class="login__main login__main--solo">
      <div class="login__card">
        <div class="login__brand-top login__brand-top--dark">
          <LogoMark width="32" height="32" />
          <span>Gatehouse</span>
        </div>
        <h2 id="pw-title">
          {me()?.user.mustChangePassword === false
            ? 'Change your password'
            : 'Choose your password'}
        </h2>
        <p class="muted">
          <Show
            when={me()?.user.mustChangePassword === false}
            fallback={
              <>
                Welcome{me() ? `, ${me()?.user.displayName}` : ''}. Your administrator set your
                current password; choose one only you know.
              </>
            }
          >
            Your other sessions end when you save; this one stays signed in.
          </Show>
        </p>
        <ChoosePasswordForm idPrefix="console" user={me()?.user} save={save} labelledBy="pw-title">
          <Show
            when={me()?.user.mustChangePassword === false}
            fallback={
              <button type="button" class="button button--ghost button--block" onClick={signOut}>
                Sign out
              </button>
            }
          >
            <A class="button button--ghost button--block" href="/">
              Cancel
            </A>
          </Show>
        </ChoosePasswordForm>
      </div>
    </main>
  );
}
