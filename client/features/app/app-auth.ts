import type { CodeSent, LoginAnswer, UnlockInput } from '../../../schemas/mfa';
import { unwrap } from '../../lib/api';
import { appApi, appFetch } from './app-api';

/** POSTs JSON through the APP's fetch (bearer, no cookie) and unwraps the envelope. */
function post<T>(path: string, body?: unknown): Promise<T> {
  return unwrap<T>(
    appFetch(`/api/v1${path}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    }),
  );
}

/** The APP's sign-in, second factor, lock and sign-out calls, in one place. */
export const appAuth = {
  login: (username: string, password: string): Promise<LoginAnswer> =>
    unwrap(appApi.auth.login.$post({ json: { username, password, client: 'app' } })),
  resendLoginCode: (challengeId: string) => post<CodeSent>('/auth/mfa/email', { challengeId }),
  verifyLoginCode: (challengeId: string, code: string) =>
    post<LoginAnswer>('/auth/mfa/verify', { challengeId, code }),
  lock: () => post<{ status: 'ok' }>('/auth/lock'),
  sendUnlockCode: () => post<CodeSent>('/auth/unlock/email'),
  unlock: (input: UnlockInput) => post<{ status: 'ok'; unlocked: true }>('/auth/unlock', input),
  logout: () => unwrap(appApi.auth.logout.$post()),
};
