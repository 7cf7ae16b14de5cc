import { createSignal } from 'solid-js';

/**
 * The company the content area is showing (a company page, or a user's company). The tree pane
 * opens the way down to it so the admin sees where they are.
 */
export const [focusedCompany, setFocusedCompany] = createSignal<{
  id: string;
  /** Ids of the companies above it, so nodes not loaded yet still open on the way down. */
  trail: string[];
} | null>(null);
