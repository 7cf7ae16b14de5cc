import { holdsModule, PERMISSION_CATALOG } from '../../../schemas/permissions';
import { permissionLabel } from '../../i18n/permission-label';

/** Where each Gatehouse module lives; an integrator's module gets a generic page. */
const HOME: Record<string, string> = {
  'web.organization': '/',
  'web.security': '/audit',
};

/** The top-level WEB modules the user holds (itself or any point below it), in catalog order. */
export function visibleWebModules(permissions: readonly string[]) {
  const held = new Set(permissions);
  return PERMISSION_CATALOG.web
    .filter((m) => holdsModule(held, m.key))
    .map((m) => ({
      key: m.key,
      label: permissionLabel(m.key),
      href: HOME[m.key] ?? `/m/${m.key.slice(4)}`,
    }));
}

/** A top-level WEB module's name in the reader's language. */
export const webModuleLabel = (key: string): string => permissionLabel(key);

/** Which module a path belongs to, for the header's highlight. */
export function moduleOfPath(pathname: string): string {
  if (pathname.startsWith('/audit')) return 'web.security';
  if (pathname.startsWith('/m/')) return `web.${pathname.slice(3).split('/')[0]}`;
  return 'web.organization';
}
