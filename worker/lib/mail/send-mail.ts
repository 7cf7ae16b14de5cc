import type { Bindings } from '../../env';
import { ApiError } from '../errors';

/** One mail as every transport takes it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends one mail, or throws MAIL_UNAVAILABLE (no transport configured) / MAIL_FAILED (the
 * transport refused or did not answer): never a silent success.
 * TODO(mail): Resend in production, the dev outbox in development.
 */
export async function sendMail(env: Bindings, message: MailMessage): Promise<void> {
  void env;
  void message;
  throw new ApiError('MAIL_UNAVAILABLE');
}
