import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page-title';

export default function NotFoundPage() {
  usePageTitle(() => t('shell.notFoundTitle'));
  return (
    <div class="page">
      <div class="empty-state">
        <h1>{t('shell.notFoundTitle')}</h1>
        <p class="muted">{t('shell.notFoundBody')}</p>
        <a class="button button--primary" href="/">
          {t('ui.backToOverview')}
        </a>
      </div>
    </div>
  );
}
