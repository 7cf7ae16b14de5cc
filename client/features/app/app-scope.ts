/** The APP's own path: the installed APP's scope, its service worker's and the Worker's route. */
const SCOPE = '/app/';

/** `/app?x#y` → `/app/?x#y`; any other address as it was. */
export function insideScope(url: string | URL | null | undefined): string | URL | null | undefined {
  if (url == null) return url;
  const parsed = new URL(url, location.href);
  if (parsed.origin !== location.origin || parsed.pathname !== SCOPE.slice(0, -1)) return url;
  return `${SCOPE}${parsed.search}${parsed.hash}`;
}

let installed = false;

/**
 * Keeps every address the APP's router writes inside `/app/`. The router trims the slash of its
 * base, so its home is `/app`: outside the installed APP's scope (a standalone window leaves the
 * APP for a browser tab there), outside the service worker that opens the APP offline, and
 * outside the Worker's `/app/*` route. `/app/` is the same screen to the router (base `/app`),
 * so only the address it writes into the history changes.
 */
export function keepInsideScope(): void {
  if (installed) return;
  installed = true;
  const push = history.pushState.bind(history);
  const replace = history.replaceState.bind(history);
  history.pushState = (data, unused, url) => push(data, unused, insideScope(url));
  history.replaceState = (data, unused, url) => replace(data, unused, insideScope(url));
}
