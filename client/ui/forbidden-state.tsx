import { PERMISSION_CATALOG, type PermissionNode } from '../../schemas/permissions';
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
  usePageTitle('No access');
  return (
    <div class="page">
      <div class="empty-state">
        <h1>You do not have access to this page</h1>
        <p class="muted">
          {props.permission
            ? `It needs the permission “${permissionLabel(props.permission) ?? props.permission}” (${props.permission}). Ask an administrator to grant it.`
            : 'Your account does not hold the permission it needs. Ask an administrator.'}
        </p>
        <a class="button button--primary" href="/">
          Back to overview
        </a>
      </div>
    </div>
  );
}
