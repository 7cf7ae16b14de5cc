import type { UnlockInput } from '../../../schemas/mfa';
import { unwrap } from '../../lib/api';
import { appApi } from './app-api';

/** The APP's sign-in, second factor, lock and sign-out calls, in one place. */
export const appAuth = {
  login: (username: string, password: string) =>
    unwrap(appApi.auth.login.$post({ json: { username, password, client: 'app' } })),
  resendLoginCode: (challengeId: string) =>
    unwrap(appApi.auth.mfa.email.$post({ json: { challengeId } })),
  verifyLoginCode: (challengeId: string, code: string) =>
    unwrap(appApi.auth.mfa.verify.$post({ json: { challengeId, code } })),
  lock: () => unwrap(appApi.auth.lock.$post()),
  sendUnlockCode: () => unwrap(appApi.auth.unlock.email.$post()),
  unlock: (input: UnlockInput) => unwrap(appApi.auth.unlock.$post({ json: input })),
  logout: () => unwrap(appApi.auth.logout.$post()),
};
