import { PERMISSION_CATALOG, type PermissionNode } from '../../schemas/permissions';
import { t } from '../i18n';
import { usePageTitle } from '../lib/page-title';

function labelOf(key: string, nodes: readonly PermissionNode[]): string | undefined {
  for (const n of nodes) {
    if (n.key === key) return n.label;
    const below = n.children && labelOf(key, n.children);
    if (below) return below;
  }
  return undefined;
}

/** The catalog's words for a permission key, so the reader knows what to ask for. */
const permissionLabel = (key: string) =>
  labelOf(key, [...PERMISSION_CATALOG.function, ...PERMISSION_CATALOG.web]);

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
