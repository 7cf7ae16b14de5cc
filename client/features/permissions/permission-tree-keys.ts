/**
 * Keyboard of an ARIA tree (WAI-ARIA APG "tree view"): the rows are found by their role, the
 * shown ones in document order (collapsed branches render no children).
 */
export interface TreeKeyActions {
  /** Opens or closes the branch `key`. */
  setExpanded(key: string, open: boolean): void;
  /** Space: ticks or clears the row `key`. */
  toggle(key: string): void;
}

const itemsOf = (tree: HTMLElement) =>
  Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]'));

const keyOf = (item: HTMLElement) => item.dataset.key ?? '';

/** The tree item that holds `el`, or undefined. */
const itemOf = (el: Element | null) =>
  (el?.closest('[role="treeitem"]') as HTMLElement | null) ?? undefined;

/** The treeitem one level up: the one in the row just before the item's group, if any. */
const parentItem = (item: HTMLElement) =>
  item
    .closest('[role="group"]')
    ?.previousElementSibling?.querySelector<HTMLElement>('[role="treeitem"]') ?? undefined;

/** Handles one key on the tree; answers whether it was one of the tree's keys. */
export function onTreeKey(tree: HTMLElement, e: KeyboardEvent, act: TreeKeyActions): boolean {
  const item = itemOf(e.target as Element);
  if (!item) return false;
  const items = itemsOf(tree);
  const at = items.indexOf(item);
  const focus = (el: HTMLElement | undefined) => el?.focus();
  const expanded = item.getAttribute('aria-expanded');
  switch (e.key) {
    case 'ArrowDown':
      focus(items[at + 1]);
      return true;
    case 'ArrowUp':
      focus(items[at - 1]);
      return true;
    case 'Home':
      focus(items[0]);
      return true;
    case 'End':
      focus(items.at(-1));
      return true;
    case 'ArrowRight':
      if (expanded === 'false') act.setExpanded(keyOf(item), true);
      else if (expanded === 'true') focus(items[at + 1]);
      return true;
    case 'ArrowLeft':
      if (expanded === 'true') act.setExpanded(keyOf(item), false);
      else focus(parentItem(item));
      return true;
    case ' ':
    case 'Enter':
      if (item.getAttribute('aria-disabled') !== 'true') act.toggle(keyOf(item));
      return true;
    default:
      return false;
  }
}
