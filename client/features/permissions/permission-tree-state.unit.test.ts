import { describe, expect, it } from 'vitest';
import type { PermissionNode } from '../../../schemas/permissions';
import { checkState, toggle } from './permission-tree-state';

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

describe('the permission tree’s tri-state checkboxes', () => {
  it('checks a whole subtree from its parent and clears it again', () => {
    const on = toggle(tree, root, new Set(), all);
    expect([...on].sort()).toEqual(['web.a', 'web.a.x', 'web.a.y']);
    expect(toggle(tree, root, on, all).size).toBe(0);
  });

  it('shows a parent as mixed when some children are checked, checked when all are', () => {
    const one = toggle(tree, leafX, new Set(), all);
    expect(checkState(root, one)).toBe('mixed');
    expect(one.has('web.a')).toBe(false);
    const both = toggle(tree, root.children?.[1] as PermissionNode, one, all);
    expect(checkState(root, both)).toBe('checked');
    expect(both.has('web.a')).toBe(true);
  });

  it('never changes keys the editor may not grant', () => {
    const grantable = new Set(['web.a.x']);
    const on = toggle(tree, root, new Set(['web.a.y']), grantable);
    expect([...on].sort()).toEqual(['web.a.x', 'web.a.y']);
  });
});
