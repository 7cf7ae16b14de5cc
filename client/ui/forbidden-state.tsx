import { t } from '../i18n';
import { permissionLabel } from '../i18n/permission-label';
import { usePageTitle } from '../lib/page-title';

/**
 * A page the signed-in user may not open: says so and names the permission it needs (the
 * API's 403 carries it in `details.permission`), instead of a spinner that never ends.
 */
export function ForbiddenState(props: { permission?: string }) {
  usePageTitle(() => t('ui.noAccessTitle'));
  return (
    <div class="page">
      <div class="empty-state">
        <h1>{t('ui.noAccessHeading')}</h1>
        <p class="muted">
          {props.permission
            ? t('ui.needsPermission', {
                label: permissionLabel(props.permission) ?? props.permission,
                key: props.permission,
              })
            : t('ui.needsSomePermission')}
        </p>
        <a class="button button--primary" href="/">
          {t('ui.backToOverview')}
        </a>
      </div>
    </div>
  );
}
