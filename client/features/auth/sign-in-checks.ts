import { loginSchema } from '../../../schemas/auth';
import { unlockSchema, verifyCodeSchema } from '../../../schemas/mfa';
import { createFormValidation } from '../../ui/form-validation';

/**
 * The API's own schemas for the sign-in, code and unlock forms, loaded lazily through
 * `createLazyValidation` (they bring zod along).
 */
export const signInChecks = (input: () => { username: string; password: string }) =>
  createFormValidation(loginSchema, () => ({ ...input(), client: 'web' as const }));

export const codeChecks = (input: () => { challengeId: string; code: string }) =>
  createFormValidation(verifyCodeSchema, input);

/** The password side of `POST /auth/unlock` (the union's first member). */
export const unlockPasswordChecks = (input: () => { password: string }) =>
  createFormValidation(unlockSchema.options[0], input);
