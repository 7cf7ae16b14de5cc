import type { PermissionNode } from '../../../schemas/permissions';

/** Every key in a node's subtree, the node's own included. */
export function subtreeKeys(node: PermissionNode): string[] {
  return [node.key, ...(node.children ?? []).flatMap(subtreeKeys)];
}

export type CheckState = 'checked' | 'unchecked' | 'mixed';

/** A node is checked when its whole subtree is, mixed when part of it is. */
export function checkState(node: PermissionNode, selected: ReadonlySet<string>): CheckState {
  const keys = subtreeKeys(node);
  const n = keys.filter((k) => selected.has(k)).length;
  if (n === 0) return 'unchecked';
  return n === keys.length ? 'checked' : 'mixed';
}

/**
 * Toggles a node: a fully checked subtree is cleared, anything else is filled. Parents are
 * then normalised: a parent key is held exactly when all its children are. Keys outside
 * `grantable` never change.
 */
export function toggle(
  roots: readonly PermissionNode[],
  node: PermissionNode,
  selected: ReadonlySet<string>,
  grantable: ReadonlySet<string>,
): Set<string> {
  const next = new Set(selected);
  const turnOn = checkState(node, selected) !== 'checked';
  for (const key of subtreeKeys(node)) {
    if (!grantable.has(key)) continue;
    if (turnOn) next.add(key);
    else next.delete(key);
  }
  const normalise = (n: PermissionNode): boolean => {
    if (!n.children?.length) return next.has(n.key);
    const all = n.children.map(normalise).every(Boolean);
    if (grantable.has(n.key)) {
      if (all) next.add(n.key);
      else next.delete(n.key);
    }
    return all && next.has(n.key);
  };
  for (const r of roots) normalise(r);
  return next;
}
