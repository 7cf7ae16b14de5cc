import { z } from 'zod';
import { faceRequiredSchema } from './face';
import { meUserSchema } from './me';
import { mfaConfigSchema } from './mfa-config';
import { PASSWORD_MAX_LENGTH } from './password-rule';

export {
  APP_FACTORS,
  APP_LOCK_LIMITS,
  type AppFactor,
  DEFAULT_MFA,
  type MfaConfig,
  mfaConfigSchema,
  WEB_LOGIN_FACTORS,
  type WebLoginFactor,
} from './mfa-config';

/** `PUT /users/:id/mfa` answers the stored configuration. */
export const mfaResultSchema = z.object({ mfa: mfaConfigSchema });

/** What an email code is for: a code of one purpose is refused for another. */
export const CODE_PURPOSES = ['web_login', 'app_login', 'app_unlock'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

// The rules as numbers live in a zod-free module, so screens can show them without zod.
export { EMAIL_CODE_RULES, MAX_UNLOCK_FAILURES } from './mfa-rules';

/**
 * A challenge id names the user (so it reaches the user's Durable Object), the attempt, and a
 * server MAC over both: `<userId>.<22 base64url chars>.<22 base64url chars>`. It is not a
 * credential: it opens nothing without the code.
 */
export const challengeIdSchema = z
  .string()
  .regex(/^us_[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/, 'Not a challenge id.');

export const emailCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6 digits from the email.');

export const resendCodeSchema = z.strictObject({ challengeId: challengeIdSchema });
export const verifyCodeSchema = z.strictObject({
  challengeId: challengeIdSchema,
  code: emailCodeSchema,
});

/** `POST /auth/unlock`: the password, or a code mailed by `POST /auth/unlock/email`. */
export const unlockSchema = z.union([
  z.strictObject({ password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH) }),
  verifyCodeSchema,
]);
export type UnlockInput = z.infer<typeof unlockSchema>;

const isoString = z.string().describe('ISO-8601 date and time');

/** A code was mailed: where (masked), until when it works, and when another may be asked for. */
export const codeSentSchema = z.object({
  challengeId: z.string(),
  method: z.literal('email'),
  maskedEmail: z.string(),
  expiresAt: isoString,
  resendAfter: isoString,
});
export type CodeSent = z.infer<typeof codeSentSchema>;

/** The login answer when a second factor is still due: no session exists yet. */
export const mfaRequiredSchema = codeSentSchema.extend({ status: z.literal('mfa_required') });
export type MfaRequired = z.infer<typeof mfaRequiredSchema>;

/** The login answer once every factor passed: the APP gets its bearer `token`, WEB a cookie. */
export const loginOkSchema = z.object({
  status: z.literal('ok'),
  token: z.string().optional(),
  expiresAt: z.string().nullable(),
  user: meUserSchema,
});

export const loginAnswerSchema = z.union([loginOkSchema, mfaRequiredSchema, faceRequiredSchema]);
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

/** `POST /auth/unlock` answers the session as it stands, unlocked. */
export const unlockResultSchema = z.object({ status: z.literal('ok'), unlocked: z.literal(true) });

/** `a•••@example.com`: enough to recognise the address, not enough to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const shown = local.length <= 2 ? local.slice(0, 1) : `${local.slice(0, 1)}${local.slice(-1)}`;
  return local.length <= 2 ? `${shown}•••@${domain}` : `${shown[0]}•••${shown[1]}@${domain}`;
}
