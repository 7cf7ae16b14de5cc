/**
 * Keyboard of the company tree, the WAI-ARIA tree pattern: Up/Down move between the visible
 * items, Right opens a closed item (or steps into an open one), Left closes an open item (or
 * steps to its parent), Home/End jump to the ends, Enter follows the item's link. Items are
 * found by their role, so the tree's look can change freely. One item is in the Tab order at a
 * time (roving tabindex): the one that had focus last.
 */
const ITEM = '[role=treeitem]';

const itemsOf = (tree: HTMLElement) => [...tree.querySelectorAll<HTMLElement>(ITEM)];

/** Makes `item` the tree's one Tab stop. */
export function makeTabStop(tree: HTMLElement, item: HTMLElement): void {
  for (const other of itemsOf(tree)) other.tabIndex = other === item ? 0 : -1;
}

/** Keeps a Tab stop in the tree when the item holding it went (folded away, new search). */
export function ensureTabStop(tree: HTMLElement): void {
  const items = itemsOf(tree);
  const first = items[0];
  if (first && !items.some((i) => i.tabIndex === 0)) makeTabStop(tree, first);
}

export function onTreeFocusIn(event: FocusEvent): void {
  const tree = event.currentTarget as HTMLElement;
  const item = (event.target as HTMLElement).closest<HTMLElement>(ITEM);
  if (item) makeTabStop(tree, item);
}

export function onTreeKeyDown(event: KeyboardEvent): void {
  const tree = event.currentTarget as HTMLElement;
  const target = event.target as HTMLElement;
  const current = target.closest<HTMLElement>(ITEM);
  // Only the item itself or its link (focused by a click) steer the tree.
  if (!current || (target !== current && !target.matches('a[data-tree-link]'))) return;
  const items = itemsOf(tree);
  const index = items.indexOf(current);
  const expanded = current.getAttribute('aria-expanded');
  const toggle = () =>
    current.querySelector<HTMLButtonElement>(':scope > .tree__row [data-tree-toggle]')?.click();
  const focusAt = (i: number) => items[Math.max(0, Math.min(items.length - 1, i))]?.focus();
  switch (event.key) {
    case 'ArrowDown':
      focusAt(index + 1);
      break;
    case 'ArrowUp':
      focusAt(index - 1);
      break;
    case 'Home':
      focusAt(0);
      break;
    case 'End':
      focusAt(items.length - 1);
      break;
    case 'ArrowRight':
      if (expanded === 'false') toggle();
      else if (expanded === 'true') focusAt(index + 1);
      break;
    case 'ArrowLeft':
      if (expanded === 'true') toggle();
      else current.parentElement?.closest<HTMLElement>(ITEM)?.focus();
      break;
    case 'Enter':
      // On the link itself the browser follows it.
      if (target !== current) return;
      current.querySelector<HTMLAnchorElement>(':scope > .tree__row a[data-tree-link]')?.click();
      break;
    default:
      return;
  }
  event.preventDefault();
}
