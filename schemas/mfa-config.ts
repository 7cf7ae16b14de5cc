import { z } from 'zod';

/**
 * Sign-in factors: how an account proves who it is on WEB login, APP login and APP unlock.
 * Password is the default everywhere; email needs a valid address on the account; face needs an
 * enrolled face (FACE_NOT_ENROLLED otherwise).
 */
export const WEB_LOGIN_FACTORS = ['password', 'email'] as const;
export const APP_FACTORS = ['password', 'email', 'face'] as const;
export type WebLoginFactor = (typeof WEB_LOGIN_FACTORS)[number];
export type AppFactor = (typeof APP_FACTORS)[number];

export const mfaConfigSchema = z.strictObject({
  webLogin: z.enum(WEB_LOGIN_FACTORS),
  appLogin: z.enum(APP_FACTORS),
  appUnlock: z.enum(APP_FACTORS),
});
export type MfaConfig = z.infer<typeof mfaConfigSchema>;

export const DEFAULT_MFA: MfaConfig = {
  webLogin: 'password',
  appLogin: 'password',
  appUnlock: 'password',
};

/** APP lock after idle or hidden: 5 minutes unless the token rules say otherwise. */
export const APP_LOCK_LIMITS = { default: 5, min: 1, max: 24 * 60 } as const;
