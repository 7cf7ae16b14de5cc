import { Resend } from 'resend';
import { ApiError } from '../errors';
import type { MailMessage } from './mail-message';

/** How long Resend may take to accept a mail before the sign-in answers MAIL_FAILED. */
export const RESEND_DEADLINE_MS = 10_000;

export interface ResendSettings {
  apiKey: string;
  /** The sender, e.g. `Gatehouse <no-reply@example.com>`; its domain must be verified at Resend. */
  from: string;
  /** Another address for Resend's API: only tests and local stand-ins set it. */
  baseUrl?: string;
  deadlineMs?: number;
}

/**
 * Hands one mail to Resend. Anything but an accepted mail — an error answer, a request that
 * failed or timed out — throws MAIL_FAILED (502), logging the cause: the message text is never
 * logged, since it holds the code.
 */
export async function sendWithResend(settings: ResendSettings, message: MailMessage) {
  let failure: unknown;
  try {
    const resend = new Resend(settings.apiKey, { baseUrl: settings.baseUrl });
    const { data, error } = await resend.emails.send(
      {
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      },
      { signal: AbortSignal.timeout(settings.deadlineMs ?? RESEND_DEADLINE_MS) },
    );
    if (!error && data?.id) return;
    failure = error ?? 'no email id in the answer';
  } catch (error) {
    // The SDK turns failed requests into `{ error }`; this catches what it lets through.
    failure = error;
  }
  console.error(
    JSON.stringify({ event: 'mail_failed', transport: 'resend', cause: describe(failure) }),
  );
  throw new ApiError('MAIL_FAILED');
}

function describe(failure: unknown): unknown {
  if (failure instanceof Error) return `${failure.name}: ${failure.message}`;
  if (failure && typeof failure === 'object') {
    // Resend's error answer: { name, message, statusCode }.
    const { name, message, statusCode } = failure as Record<string, unknown>;
    return { name, message, statusCode };
  }
  return String(failure);
}
