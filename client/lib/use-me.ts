import { createAsync } from '@solidjs/router';
import type { MeResponse } from '../../schemas/me';
import { getMe } from './session';

/** The signed-in user (inside the shell it is always loaded) and a permission test. */
export function useMe() {
  const me = createAsync(() => getMe());
  const can = (key: string) => me()?.permissions.includes(key) ?? false;
  return { me: me as () => MeResponse | null | undefined, can };
}
