import { holdsModule, PERMISSION_CATALOG } from '../../../schemas/permissions';

/** The top-level WEB modules the user holds (itself or any point below it), in catalog order. */
export function visibleWebModules(permissions: readonly string[]) {
  const held = new Set(permissions);
  return PERMISSION_CATALOG.web
    .filter((m) => holdsModule(held, m.key))
    .map((m) => ({ key: m.key, label: m.label }));
}
