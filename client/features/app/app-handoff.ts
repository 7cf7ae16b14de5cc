/** `/app`, `/App/profile`, `/APP?x`: an address of the APP, however it was typed. */
const APP_PATH = /^\/app(?=\/|$)/i;

/**
 * Where the console's page finds itself at an APP address, the address of the APP's own page,
 * else null. The Worker serves `/app/*` with the APP's page and the assets redirect `/app` to
 * `/app/`, but any address they miss (another case, a host or proxy that does not run the
 * Worker first) falls back to the console's page: signing in there would open the console.
 */
export function appAddress(loc: Pick<Location, 'pathname' | 'search' | 'hash'>): string | null {
  if (!APP_PATH.test(loc.pathname)) return null;
  const rest = loc.pathname.replace(APP_PATH, '').replace(/^\//, '');
  return `/app/${rest}${loc.search}${loc.hash}`;
}

/** Sends the browser to the APP when the console's page opened at an APP address. */
export function handOffToApp(): boolean {
  const target = appAddress(location);
  if (target === null) return false;
  location.replace(target);
  return true;
}
