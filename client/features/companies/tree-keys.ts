/**
 * Arrow keys over the tree pane's rows, the way file trees behave: Up/Down move between the
 * visible rows, Right opens a closed row (or steps into it), Left closes an open row (or steps
 * to its parent), Home/End jump to the ends. Enter follows the focused link as usual.
 */
export function onTreeKeyDown(event: KeyboardEvent): void {
  const tree = event.currentTarget as HTMLElement;
  const links = [...tree.querySelectorAll<HTMLAnchorElement>('.tree__row .tree__name')];
  const current = document.activeElement as HTMLElement | null;
  const index = current ? links.indexOf(current as HTMLAnchorElement) : -1;
  if (index < 0) return;
  const row = current?.closest('.tree__row');
  const toggle = row?.querySelector<HTMLButtonElement>('.tree__toggle:not(.tree__toggle--leaf)');
  const expanded = toggle?.getAttribute('aria-expanded') === 'true';
  const focusAt = (i: number) => links[Math.max(0, Math.min(links.length - 1, i))]?.focus();
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
      focusAt(links.length - 1);
      break;
    case 'ArrowRight':
      if (toggle && !expanded) toggle.click();
      else if (expanded) focusAt(index + 1);
      break;
    case 'ArrowLeft': {
      if (toggle && expanded) {
        toggle.click();
        break;
      }
      const parentItem = row?.parentElement?.parentElement?.closest('li');
      parentItem?.querySelector<HTMLAnchorElement>(':scope > .tree__row .tree__name')?.focus();
      break;
    }
    default:
      return;
  }
  event.preventDefault();
}
