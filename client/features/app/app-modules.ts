import type { Component } from 'solid-js';
import { holdsModule, PERMISSION_CATALOG, type PermissionNode } from '../../../schemas/permissions';
import { permissionLabel } from '../../i18n/permission-label';
import { BarChart, Bell, Layers, Monitor, PlayCircle, UserIcon } from '../../ui/icons';

type Icon = Component<{ width?: string; height?: string }>;

/** Icons of the catalog's APP modules; an integrator's new module gets the generic one. */
const ICONS: Record<string, Icon> = {
  'app.monitor': Monitor,
  'app.alerts': Bell,
  'app.playback': PlayCircle,
  'app.reports': BarChart,
  'app.profile': UserIcon,
};

export interface AppModule {
  key: string;
  /** The last part of the key: the module's address, `/m/<slug>`. */
  slug: string;
  label: string;
  icon: Icon;
  /** The module's function points (its leaves) the user holds, and how many it has. */
  held: PermissionNode[];
  total: number;
}

const leaves = (n: PermissionNode): PermissionNode[] =>
  n.children?.length ? n.children.flatMap(leaves) : [n];

/** The APP modules of the catalog the user holds (the module itself or any point below it). */
export function heldAppModules(permissions: readonly string[]): AppModule[] {
  const held = new Set(permissions);
  return PERMISSION_CATALOG.app
    .filter((m) => holdsModule(held, m.key))
    .map((m) => {
      const points = leaves(m);
      return {
        key: m.key,
        slug: m.key.slice('app.'.length),
        label: permissionLabel(m.key),
        icon: ICONS[m.key] ?? Layers,
        held: points.filter((p) => held.has(p.key)),
        total: points.length,
      };
    });
}
