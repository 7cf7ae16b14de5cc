/**
 * The permission catalog: the single source for API guards (`function.*`), the WEB menu
 * (`web.*`), the APP screens (`app.*`) and the permission editor.
 */
export interface PermissionNode {
  key: string;
  label: string;
  children?: readonly PermissionNode[];
}

export type PermissionTree = 'function' | 'web' | 'app';

interface CatalogNode<K extends string = string> {
  readonly key: K;
  readonly label: string;
  readonly children?: readonly CatalogNode[];
}

// Generic so each key stays a string literal: the catalog's keys become a type.
const leaf = <K extends string>(key: K, label: string) => ({ key, label }) as const;
const node = <K extends string, C extends readonly CatalogNode[]>(
  key: K,
  label: string,
  children: C,
) => ({ key, label, children }) as const;

/** Every key of a catalog subtree, as a union of string literals. */
type KeysOf<N> = N extends { key: infer K; children: infer C extends readonly unknown[] }
  ? K | KeysOf<C[number]>
  : N extends { key: infer K }
    ? K
    : never;

const CATALOG = {
  function: [
    node('function.companies', 'Companies', [
      leaf('function.companies.view', 'View companies'),
      leaf('function.companies.create', 'Create companies'),
      leaf('function.companies.edit', 'Rename and move companies'),
      leaf('function.companies.delete', 'Delete companies'),
    ]),
    node('function.users', 'Users', [
      leaf('function.users.view', 'View users'),
      leaf('function.users.create', 'Create users'),
      leaf('function.users.edit', 'Edit users'),
      leaf('function.users.delete', 'Delete users'),
      leaf('function.users.expiry.edit', 'Change expiration dates'),
      leaf('function.users.expiry.sync', 'Apply an expiration date to a whole company'),
    ]),
    node('function.roles', 'Roles', [
      leaf('function.roles.view', 'View roles'),
      leaf('function.roles.create', 'Create roles'),
      leaf('function.roles.edit', 'Edit roles'),
      leaf('function.roles.delete', 'Delete roles'),
    ]),
    node('function.sessions', 'Sessions', [
      leaf('function.sessions.view', 'View live sessions'),
      leaf('function.sessions.revoke', 'End live sessions'),
    ]),
    node('function.tokens', 'Token rules', [
      leaf('function.tokens.configure', 'Configure token rules'),
      leaf('function.tokens.long_term', 'Grant long-term tokens'),
    ]),
    node('function.mfa', 'Sign-in factors', [
      leaf('function.mfa.configure', 'Configure sign-in factors'),
    ]),
    node('function.audit', 'Audit', [leaf('function.audit.view', 'Read the audit log')]),
  ],
  web: [
    node('web.organization', 'Organization', [
      node('web.organization.companies', 'Companies', [
        leaf('web.organization.companies.new', 'New company button'),
        leaf('web.organization.companies.edit', 'Edit company button'),
        leaf('web.organization.companies.delete', 'Delete company button'),
      ]),
      node('web.organization.users', 'Users', [
        leaf('web.organization.users.new', 'Add User button'),
        leaf('web.organization.users.edit', 'Edit user button'),
        leaf('web.organization.users.delete', 'Delete user button'),
        leaf('web.organization.users.token', 'Token configuration button'),
        leaf('web.organization.users.mfa', 'Sign-in factors button'),
      ]),
      leaf('web.organization.roles', 'Roles'),
    ]),
    node('web.monitor', 'Monitor', [
      leaf('web.monitor.map', 'Live map'),
      leaf('web.monitor.video', 'Live video'),
    ]),
    node('web.playback', 'Playback', [
      leaf('web.playback.tracks', 'Track playback'),
      leaf('web.playback.video', 'Video playback'),
    ]),
    node('web.reports', 'Reports', [
      leaf('web.reports.mileage', 'Mileage report'),
      leaf('web.reports.alarms', 'Alarm report'),
      leaf('web.reports.export', 'Export button'),
    ]),
    node('web.alerts', 'Alerts', [
      leaf('web.alerts.view', 'Alert list'),
      leaf('web.alerts.handle', 'Handle alerts'),
    ]),
    node('web.devices', 'Devices', [
      leaf('web.devices.list', 'Device list'),
      leaf('web.devices.config', 'Device configuration'),
    ]),
    node('web.geofences', 'Geofences', [
      leaf('web.geofences.view', 'Geofence list'),
      leaf('web.geofences.edit', 'Draw and edit geofences'),
    ]),
    node('web.security', 'Security', [
      leaf('web.security.sessions', 'Sessions'),
      leaf('web.security.audit', 'Audit log'),
    ]),
  ],
  app: [
    node('app.monitor', 'Monitor', [
      leaf('app.monitor.map', 'Live map'),
      leaf('app.monitor.video', 'Live video'),
    ]),
    node('app.alerts', 'Alerts', [
      leaf('app.alerts.view', 'Alert list'),
      leaf('app.alerts.handle', 'Handle alerts'),
    ]),
    node('app.playback', 'Playback', [leaf('app.playback.tracks', 'Track playback')]),
    node('app.reports', 'Reports', [leaf('app.reports.mileage', 'Mileage report')]),
    node('app.profile', 'Profile', [leaf('app.profile.password', 'Change password')]),
  ],
} as const;

/** A key of the catalog: a typo in a guard or a test does not compile. */
export type PermissionKey = KeysOf<(typeof CATALOG)[PermissionTree][number]>;

export const PERMISSION_CATALOG: Record<PermissionTree, readonly PermissionNode[]> = CATALOG;

function collectKeys(nodes: readonly PermissionNode[], into: string[]): string[] {
  for (const n of nodes) {
    into.push(n.key);
    if (n.children) collectKeys(n.children, into);
  }
  return into;
}

/** Every key in the catalog, parents included, in catalog order. */
export const ALL_PERMISSION_KEYS = [
  ...collectKeys(PERMISSION_CATALOG.function, []),
  ...collectKeys(PERMISSION_CATALOG.web, []),
  ...collectKeys(PERMISSION_CATALOG.app, []),
] as readonly PermissionKey[];

const KNOWN: ReadonlySet<string> = new Set(ALL_PERMISSION_KEYS);
export const isPermissionKey = (key: string): key is PermissionKey => KNOWN.has(key);

/**
 * A module is shown when the user holds it or any point below it. `held` is the set of
 * effective permission keys.
 */
export function holdsModule(held: ReadonlySet<string>, moduleKey: string): boolean {
  if (held.has(moduleKey)) return true;
  const prefix = `${moduleKey}.`;
  for (const key of held) if (key.startsWith(prefix)) return true;
  return false;
}

/**
 * Effective permissions: the union of direct grants and every role's grants, intersected with
 * the parent's effective set for a sub-user (`parent` undefined for a parent-level user).
 */
export function effectivePermissions(
  direct: Iterable<string>,
  roles: Iterable<Iterable<string>>,
  parent?: ReadonlySet<string>,
): Set<string> {
  const union = new Set<string>(direct);
  for (const role of roles) for (const key of role) union.add(key);
  if (!parent) return union;
  for (const key of union) if (!parent.has(key)) union.delete(key);
  return union;
}
