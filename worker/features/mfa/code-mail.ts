import type { CodePurpose } from '../../../schemas/mfa';
import type { MailMessage } from '../../lib/mail/send-mail';

export interface CodeMailInput {
  to: string;
  code: string;
  purpose: CodePurpose;
  /** When the code stops working (epoch ms). */
  expiresAt: number;
  /** Where the request for the code came from, for the "not you?" line. */
  requestedAt: number;
  ip: string | null;
  userAgent: string | null;
}

/** The mail carrying a sign-in or unlock code. TODO(mail): real HTML + text templates. */
export function codeMail(input: CodeMailInput): MailMessage {
  const subject = `Your Gatehouse code: ${input.code}`;
  const text = `Your code is ${input.code}.`;
  return { to: input.to, subject, text, html: `<p>${text}</p>` };
}
