import { t } from '../../i18n';
import { unwrap } from '../../lib/api';
import { ChoosePasswordForm } from '../auth/choose-password-form';
import { appApi } from './app-api';
import { AuthLayout } from './app-auth-layout';
import { loadMe, me, signOut } from './app-session';

/**
 * First sign-in with a password an administrator set: the server refuses everything else
 * until the user chooses its own, so the APP asks for it here.
 */
export function AppChoosePassword() {
  const save = async (currentPassword: string, newPassword: string) => {
    await unwrap(appApi.me.password.$post({ json: { currentPassword, newPassword } }));
    await loadMe();
  };
  return (
    <AuthLayout
      title={t('auth.choose.chooseTitle')}
      lead={t('app.choose.lead', { name: me()?.user.displayName ?? '' })}
    >
      <ChoosePasswordForm idPrefix="app" user={me()?.user} save={save}>
        <button
          type="button"
          class="button button--ghost button--block"
          onClick={() => void signOut()}
        >
          {t('auth.signOut')}
        </button>
      </ChoosePasswordForm>
    </AuthLayout>
  );
}
