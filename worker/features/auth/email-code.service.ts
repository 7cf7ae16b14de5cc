import type { CodePurpose, CodeSent } from '../../../schemas/mfa';
import { maskEmail } from '../../../schemas/mfa';
import type { IssuedCode, IssueRefusal, PendingLogin } from '../../durable-objects/email-codes';
import { hubFor } from '../../durable-objects/session-hub.client';
import type { Bindings } from '../../env';
import { constantTimeEqual, hmacBase64Url, sha256Base64Url } from '../../lib/encoding';
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
    challengeId: await challengeIdFor(env, userId, issued.id),
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
    login?: PendingLogin;
  },
  origin: RequestOrigin,
): Promise<CodeSent> {
  const hub = hubFor(env, userId);
  return deliverCode(env, hub, userId, await hub.issueCode(input), origin);
}

/**
 * A fingerprint of the account as a login's password check found it: the stored password hash,
 * the address the code goes to, and when the row last changed. A password change or reset, a
 * new address, disabling, a new expiry — any edit of the account — changes it, so an attempt
 * started before then cannot finish after (nor keep the wrong codes counted against it).
 */
export function credentialStamp(account: {
  passwordHash: string;
  email: string | null;
  updatedAt: Date;
}) {
  return sha256Base64Url(
    `${account.passwordHash}\n${account.email ?? ''}\n${account.updatedAt.getTime()}`,
  );
}

const challengeMac = (env: Bindings, userId: string, codeId: string) =>
  hmacBase64Url(env.PASSWORD_PEPPER, `challenge:${userId}.${codeId}`).then((m) => m.slice(0, 22));

/**
 * `<userId>.<attempt id>.<MAC>`: the user id routes it to the user's hub; the MAC, keyed by the
 * server's pepper, lets the Worker refuse a made-up challenge before any Durable Object is
 * woken (or created) for it.
 */
export async function challengeIdFor(
  env: Bindings,
  userId: string,
  codeId: string,
): Promise<string> {
  return `${userId}.${codeId}.${await challengeMac(env, userId, codeId)}`;
}

/**
 * Splits a challenge id into the user whose hub holds it and the attempt's own id; a challenge
 * this server did not issue is CHALLENGE_ENDED, without asking the hub.
 */
export async function parseChallengeId(
  env: Bindings,
  challengeId: string,
): Promise<{ userId: string; codeId: string }> {
  const [userId = '', codeId = '', mac = ''] = challengeId.split('.');
  if (!constantTimeEqual(mac, await challengeMac(env, userId, codeId))) {
    throw new ApiError('CHALLENGE_ENDED');
  }
  return { userId, codeId };
}
