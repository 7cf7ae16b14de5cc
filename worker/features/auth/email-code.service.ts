import type { CodePurpose, CodeSent } from '../../../schemas/mfa';
import { maskEmail } from '../../../schemas/mfa';
import type { IssuedCode, IssueRefusal } from '../../durable-objects/email-codes';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { ApiError } from '../../lib/errors';
import { sendMail } from '../../lib/mail/send-mail';
import { codeMail } from './code-mail/code-mail';

/** Where a request for a code came from, for the mail's "not you?" line. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

type Hub = ReturnType<typeof hubFor>;

/** The error for a code the hub would not issue (cap, cooldown, or an attempt that ended). */
export function refusalError(refusal: IssueRefusal): ApiError {
  if (refusal.refused === 'CHALLENGE_ENDED') return new ApiError('CHALLENGE_ENDED');
  const retryAfterSeconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  return new ApiError(refusal.refused, { details: { retryAfterSeconds } });
}

/**
 * Mails an issued code. A mail that could not be sent withdraws the attempt (a code nobody
 * received must not count against the hourly cap nor stay guessable) and answers 502/503.
 */
export async function deliverCode(
  env: Bindings,
  hub: Hub,
  userId: string,
  issued: IssuedCode | IssueRefusal,
  origin: RequestOrigin,
): Promise<CodeSent> {
  if ('refused' in issued) throw refusalError(issued);
  try {
    await sendMail(
      env,
      codeMail({
        to: issued.email,
        code: issued.code,
        purpose: issued.purpose,
        expiresAt: issued.expiresAt,
        requestedAt: Date.now(),
        ip: origin.ip,
        userAgent: origin.userAgent,
      }),
    );
  } catch (error) {
    await hub.withdrawCode(issued.id);
    throw error;
  }
  return {
    challengeId: `${userId}.${issued.id}`,
    method: 'email',
    maskedEmail: maskEmail(issued.email),
    expiresAt: new Date(issued.expiresAt).toISOString(),
    resendAfter: new Date(issued.resendAfter).toISOString(),
  };
}

/** Starts an emailed-code attempt in the user's hub and mails its first code. */
export async function startEmailCode(
  env: Bindings,
  userId: string,
  input: {
    purpose: CodePurpose;
    email: string;
    sessionId?: string;
    login?: { client: 'web' | 'app'; userAgent: string | null; ip: string | null };
  },
  origin: RequestOrigin,
): Promise<CodeSent> {
  const hub = hubFor(env, userId);
  return deliverCode(env, hub, userId, await hub.issueCode(input), origin);
}

/** Splits a challenge id into the user whose hub holds it and the attempt's own id. */
export function parseChallengeId(challengeId: string): { userId: string; codeId: string } {
  const dot = challengeId.indexOf('.');
  return { userId: challengeId.slice(0, dot), codeId: challengeId.slice(dot + 1) };
}
