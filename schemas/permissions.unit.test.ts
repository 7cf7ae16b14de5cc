import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSION_KEYS,
  effectivePermissions,
  holdsModule,
  PERMISSION_CATALOG,
  type PermissionNode,
} from './permissions';

describe('the permission catalog', () => {
  it('has unique keys, each under its tree and below its parent', () => {
    expect(new Set(ALL_PERMISSION_KEYS).size).toBe(ALL_PERMISSION_KEYS.length);
    const check = (nodes: readonly PermissionNode[], prefix: string) => {
      for (const n of nodes) {
        expect(n.key.startsWith(`${prefix}.`)).toBe(true);
        if (n.children) check(n.children, n.key);
      }
    };
    check(PERMISSION_CATALOG.function, 'function');
    check(PERMISSION_CATALOG.web, 'web');
    check(PERMISSION_CATALOG.app, 'app');
  });

  it('names the user-management functions with create, edit, delete and expiry', () => {
    const fn = ALL_PERMISSION_KEYS.filter((k) => k.startsWith('function.users.'));
    for (const word of ['create', 'edit', 'delete', 'expiry']) {
      expect(fn.some((k) => k.includes(word))).toBe(true);
    }
  });
});

describe('effective permissions', () => {
  it('is the union of direct and role grants', () => {
    expect([...effectivePermissions(['a'], [['b'], ['a', 'c']])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('is intersected with the parent’s for a sub-user', () => {
    const parent = new Set(['a', 'b']);
    expect([...effectivePermissions(['a'], [['b', 'c']], parent)].sort()).toEqual(['a', 'b']);
  });

  it('shows a module when the user holds it or any point below it', () => {
    const held = new Set(['web.reports.export']);
    expect(holdsModule(held, 'web.reports')).toBe(true);
    expect(holdsModule(held, 'web.report')).toBe(false);
    expect(holdsModule(held, 'web.monitor')).toBe(false);
  });
});
