import { describe, expect, it } from 'vitest';
import {
  ALL_PERMISSION_KEYS,
  PERMISSION_CATALOG,
  type PermissionNode,
} from '../../../schemas/permissions';
import { checkState, subtreeKeys, toggle } from './permission-tree-state';

const tree: PermissionNode[] = [
  {
    key: 'web.a',
    label: 'A',
    children: [
      { key: 'web.a.x', label: 'x' },
      { key: 'web.a.y', label: 'y' },
    ],
  },
];
const all = new Set(['web.a', 'web.a.x', 'web.a.y']);
const root = tree[0] as PermissionNode;
const leafX = root.children?.[0] as PermissionNode;
const leafY = root.children?.[1] as PermissionNode;
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('the permission tree’s tri-state checkboxes', () => {
  it('checks a whole subtree from its parent and clears it again', () => {
    const on = toggle(root, new Set(), all);
    expect(sorted(on)).toEqual(['web.a', 'web.a.x', 'web.a.y']);
    expect(toggle(root, on, all).size).toBe(0);
  });

  it('shows a parent as mixed when some children are checked, never adding the parent key', () => {
    const one = toggle(leafX, new Set(), all);
    expect(sorted(one)).toEqual(['web.a.x']);
    expect(checkState(root, one)).toBe('mixed');
    const both = toggle(leafY, one, all);
    expect(sorted(both)).toEqual(['web.a.x', 'web.a.y']);
    expect(checkState(root, both)).toBe('mixed');
    expect(checkState(root, new Set([...both, 'web.a']))).toBe('checked');
  });

  it('keeps a parent key held while only some children are, when a child is toggled', () => {
    const held = new Set(['web.a', 'web.a.x']);
    expect(sorted(toggle(leafY, held, all))).toEqual(['web.a', 'web.a.x', 'web.a.y']);
    expect(sorted(toggle(leafX, held, all))).toEqual(['web.a']);
    expect(checkState(root, new Set(['web.a']))).toBe('mixed');
  });

  it('never changes keys the editor may not grant', () => {
    const grantable = new Set(['web.a.x']);
    const on = toggle(root, new Set(['web.a.y']), grantable);
    expect(sorted(on)).toEqual(['web.a.x', 'web.a.y']);
    // All grantable keys held: the box clears them, even though the subtree is not full.
    expect(sorted(toggle(root, on, grantable))).toEqual(['web.a.y']);
  });
});

// Generated over the whole catalog: every node, against sets shaped like real grants.
const nodes: PermissionNode[] = [];
const walk = (ns: readonly PermissionNode[]) => {
  for (const n of ns) {
    nodes.push(n);
    if (n.children) walk(n.children);
  }
};
walk([...PERMISSION_CATALOG.function, ...PERMISSION_CATALOG.web, ...PERMISSION_CATALOG.app]);
const parents = nodes.filter((n) => n.children?.length);
const firstChildren = parents.flatMap((n) => n.children?.slice(0, 1).map((c) => c.key) ?? []);

const SETS: Record<string, ReadonlySet<string>> = {
  empty: new Set(),
  everything: new Set(ALL_PERMISSION_KEYS),
  'parents held without any child': new Set(parents.map((n) => n.key)),
  'parents held with only their first child': new Set([
    ...parents.map((n) => n.key),
    ...firstChildren,
  ]),
  'first children held without their parent': new Set(firstChildren),
  'every other key': new Set(ALL_PERMISSION_KEYS.filter((_, i) => i % 2 === 0)),
  'the other half': new Set(ALL_PERMISSION_KEYS.filter((_, i) => i % 2 === 1)),
};
const GRANTABLE: Record<string, ReadonlySet<string>> = {
  'every key grantable': new Set(ALL_PERMISSION_KEYS),
  'every third key not grantable': new Set(ALL_PERMISSION_KEYS.filter((_, i) => i % 3 !== 1)),
};

describe.each(Object.entries(GRANTABLE))('toggling any catalog box (%s)', (_, grantable) => {
  describe.each(Object.entries(SETS))('from %s', (_, before) => {
    it.each(nodes.map((n) => [n.key, n] as const))(
      '%s changes only its own grantable subtree',
      (_, node) => {
        const after = toggle(node, before, grantable);
        const scope = new Set(subtreeKeys(node).filter((k) => grantable.has(k)));
        for (const key of ALL_PERMISSION_KEYS) {
          if (!scope.has(key)) expect(after.has(key), key).toBe(before.has(key));
        }
        // Inside its scope the box moves every key one way: all held, or none.
        const held = [...scope].filter((k) => after.has(k)).length;
        expect([0, scope.size]).toContain(held);
        if (scope.size > 0) expect(sorted(after)).not.toEqual(sorted(before));
        // A leaf's box flips that one key, and a second click puts it back.
        if (!node.children?.length) {
          expect(sorted(toggle(node, after, grantable))).toEqual(sorted(before));
        }
        // A box whose grantable keys are all set clears them: two clicks restore a full box.
        if (held === scope.size && scope.size > 0) {
          expect(sorted(toggle(node, toggle(node, after, grantable), grantable))).toEqual(
            sorted(after),
          );
        }
      },
    );
  });
});
