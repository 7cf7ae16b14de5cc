import type { PermissionNode } from '../../../schemas/permissions';

/** Every key in a node's subtree, the node's own included. */
export function subtreeKeys(node: PermissionNode): string[] {
  return [node.key, ...(node.children ?? []).flatMap(subtreeKeys)];
}

export type CheckState = 'checked' | 'unchecked' | 'mixed';

/**
 * A node is checked when its whole subtree is, mixed when part of it is. A pure view of the
 * set: a parent key is a grant of its own, held or not whatever its children are.
 */
export function checkState(node: PermissionNode, selected: ReadonlySet<string>): CheckState {
  const keys = subtreeKeys(node);
  const n = keys.filter((k) => selected.has(k)).length;
  if (n === 0) return 'unchecked';
  return n === keys.length ? 'checked' : 'mixed';
}

/**
 * Toggles a node's box: the grantable keys of its subtree (just its own key for a leaf) are
 * cleared when all of them are held, and all added otherwise. Nothing else changes: not the
 * parents above (a parent key is a grant of its own, never derived from its children), not
 * the siblings, and never a key outside `grantable`.
 */
export function toggle(
  node: PermissionNode,
  selected: ReadonlySet<string>,
  grantable: ReadonlySet<string>,
): Set<string> {
  const next = new Set(selected);
  const keys = subtreeKeys(node).filter((k) => grantable.has(k));
  const turnOn = keys.some((k) => !selected.has(k));
  for (const key of keys) {
    if (turnOn) next.add(key);
    else next.delete(key);
  }
  return next;
}
