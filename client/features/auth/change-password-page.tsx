import { A, createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createEffect, Show } from 'solid-js';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { getMe } from '../../lib/session';
import { LogoMark } from '../../ui/icons';
import { LanguagePicker } from '../../ui/language-picker';
import { toast } from '../../ui/toast';
import { ChoosePasswordForm } from './choose-password-form';
import './auth.css';

/** Shown after signing in with a password an admin set: the user picks its own first. */
export default function ChangePasswordPage() {
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  usePageTitle(() =>
    me()?.user.mustChangePassword === false
      ? t('auth.choose.changeTitle')
      : t('auth.choose.pageTitleChoose'),
  );
  createEffect(() => {
    if (me() === null) navigate('/login', { replace: true });
  });

  const save = async (currentPassword: string, newPassword: string) => {
    await unwrap(api.me.password.$post({ json: { currentPassword, newPassword } }));
    toast(t('auth.choose.saved'));
    await revalidate(getMe.key);
    navigate('/', { replace: true });
  };

  const signOut = async () => {
    await unwrap(api.auth.logout.$post()).catch(() => undefined);
    await revalidate(getMe.key);
    navigate('/login', { replace: true });
  };

  return (
    <main class="login__main login__main--solo">
      <div class="login__language">
        <LanguagePicker />
      </div>
      <div class="login__card">
        <div class="login__brand-top login__brand-top--dark">
          <LogoMark width="32" height="32" />
          <span>{t('common.appName')}</span>
        </div>
        <h2 id="pw-title">
          {me()?.user.mustChangePassword === false
            ? t('auth.choose.changeTitle')
            : t('auth.choose.chooseTitle')}
        </h2>
        <p class="muted">
          <Show
            when={me()?.user.mustChangePassword === false}
            fallback={
              me()
                ? t('auth.choose.welcome', { name: me()?.user.displayName ?? '' })
                : t('auth.choose.welcomeAnonymous')
            }
          >
            {t('auth.choose.changeLead')}
          </Show>
        </p>
        <ChoosePasswordForm idPrefix="console" user={me()?.user} save={save} labelledBy="pw-title">
          <Show
            when={me()?.user.mustChangePassword === false}
            fallback={
              <button type="button" class="button button--ghost button--block" onClick={signOut}>
                {t('auth.signOut')}
              </button>
            }
          >
            <A class="button button--ghost button--block" href="/">
              {t('common.cancel')}
            </A>
          </Show>
        </ChoosePasswordForm>
      </div>
    </main>
  );
}
