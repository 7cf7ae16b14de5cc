import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';

/** A page for an id that does not exist, or lies outside the reader's scope (the API says 404 for both). */
export function NotFoundState(props: { title: string }) {
  usePageTitle(() => props.title);
  return (
    <div class="page">
      <div class="empty-state">
        <h1>{props.title}</h1>
        <p class="muted">{t('ui.notFoundBody')}</p>
        <a class="button button--primary" href="/">
          {t('ui.backToOverview')}
        </a>
      </div>
    </div>
  );
}
