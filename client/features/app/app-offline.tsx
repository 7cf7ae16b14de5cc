import { Show } from 'solid-js';
import { t } from '../../i18n';
import { WifiOff } from '../../ui/icons';
import { AuthLayout } from './app-auth-layout';
import { online } from './app-online';
import { loadMe } from './app-session';

/** A strip on every screen while the device has no network; it goes when the network is back. */
export function OfflineBanner() {
  return (
    <Show when={!online()}>
      <div class="app-offline" role="status">
        <WifiOff width="16" height="16" />
        <span>{t('app.offline.banner')}</span>
      </div>
    </Show>
  );
}

/** The APP opened without a network while signed in: the shell, saying so, until it returns. */
export function AppUnreachable() {
  return (
    <AuthLayout title={t('app.offline.title')} lead={t('app.offline.lead')}>
      <button type="button" class="button button--block" onClick={() => void loadMe()}>
        {t('common.retry')}
      </button>
    </AuthLayout>
  );
}
