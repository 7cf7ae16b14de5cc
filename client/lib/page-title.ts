import { createRenderEffect, onCleanup } from 'solid-js';

/** The page's own name from its HTML: "Gatehouse" for the console, "Gatehouse APP" for the APP. */
const APP_NAME = document.title || 'Gatehouse';

/**
 * Every mounted title, oldest first. A state shown inside a page (not found, no access) mounts
 * after the page, so the newest title that has a value wins; while a page's own title is still
 * loading (undefined) the one before it stands instead of a blank tab.
 */
const mounted: (() => string | undefined)[] = [];

function apply() {
  let title: string | undefined;
  for (let i = mounted.length - 1; i >= 0 && !title; i--) title = mounted[i]?.();
  document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
}

/** Titles the document after the calling page or state for as long as it is mounted. */
export function usePageTitle(title: string | (() => string | undefined)) {
  const read = typeof title === 'string' ? () => title : title;
  mounted.push(read);
  createRenderEffect(apply);
  onCleanup(() => {
    mounted.splice(mounted.indexOf(read), 1);
    apply();
  });
}
