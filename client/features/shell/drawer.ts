import { createSignal, onCleanup } from 'solid-js';

/**
 * Below this width the company tree pane is a drawer over the content, opened from the
 * header's menu button; from it up, the pane sits beside the content. Keep in step with the
 * `@media (max-width: 959px)` rules in styles.css.
 */
export const DRAWER_QUERY = '(max-width: 959px)';

/** Whether the tree drawer is open (it only shows as one below the breakpoint). */
export const [drawerOpen, setDrawerOpen] = createSignal(false);

/** Whether the screen is narrow enough for the drawer, following resizes and rotations. */
export function createNarrowScreen(): () => boolean {
  const media = window.matchMedia(DRAWER_QUERY);
  const [narrow, setNarrow] = createSignal(media.matches);
  const onChange = () => {
    setNarrow(media.matches);
    if (!media.matches) setDrawerOpen(false);
  };
  media.addEventListener('change', onChange);
  onCleanup(() => media.removeEventListener('change', onChange));
  return narrow;
}

/** The id of the tree pane, for the menu button's aria-controls. */
export const TREE_PANE_ID = 'company-tree-pane';
export const MENU_BUTTON_ID = 'company-tree-menu';
