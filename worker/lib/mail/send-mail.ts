import type { Bindings } from '../../env';
import { ApiError } from '../errors';
import { storeInOutbox } from './dev-outbox';
import type { MailMessage } from './mail-message';
import { sendWithResend } from './resend-transport';

export type { MailMessage } from './mail-message';

/**
 * Sends one mail, or throws MAIL_UNAVAILABLE (no transport configured, 503) / MAIL_FAILED (the
 * transport refused or did not answer, 502): never a silent success.
 * - `RESEND_API_KEY` set: Resend, from `MAIL_FROM`.
 * - no key, in a build with the development tools: the dev outbox (`/dev/mailbox`).
 * - no key in a production build: MAIL_UNAVAILABLE.
 *
 * `devTools` can only switch the outbox off (a test of the production answer); in a production
 * build `__DEV_TOOLS__` is `false`, so the outbox branch and its module are not even bundled.
 */
export async function sendMail(
  env: Bindings,
  message: MailMessage,
  devTools: boolean = __DEV_TOOLS__,
): Promise<void> {
  if (env.RESEND_API_KEY) {
    return sendWithResend(
      { apiKey: env.RESEND_API_KEY, from: env.MAIL_FROM, baseUrl: env.RESEND_BASE_URL },
      message,
    );
  }
  if (__DEV_TOOLS__ && devTools) return storeInOutbox(env, message);
  throw new ApiError('MAIL_UNAVAILABLE');
}
