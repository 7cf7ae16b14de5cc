import { z } from 'zod';
import {
  APP_FACTORS,
  type AppFactor,
  type MfaConfig,
  WEB_LOGIN_FACTORS,
} from '../../../schemas/mfa-config';

export type FactorSlot = keyof MfaConfig;

/** The three moments an account proves who it is, in the order the form shows them. */
export const FACTOR_SLOTS: readonly {
  slot: FactorSlot;
  label: string;
  hint: string;
  factors: readonly AppFactor[];
}[] = [
  {
    slot: 'webLogin',
    label: 'WEB login',
    hint: 'Signing in to this console.',
    factors: WEB_LOGIN_FACTORS,
  },
  {
    slot: 'appLogin',
    label: 'APP login',
    hint: 'Signing in to the mobile APP.',
    factors: APP_FACTORS,
  },
  {
    slot: 'appUnlock',
    label: 'APP unlock',
    hint: 'Opening the APP again after it locked.',
    factors: APP_FACTORS,
  },
];

export const FACTOR_LABELS: Record<AppFactor, string> = {
  password: 'Password',
  email: 'Email code',
  face: 'Face recognition',
};

export const EMAIL_MISSING = 'Add an email address first';
export const FACE_MISSING = 'Enrol a face photo first (Face photo, below)';

// The same check the API applies to the email field, so the form never offers what it refuses.
const emailSchema = z.email();
export const isValidEmail = (value: string): boolean => emailSchema.safeParse(value).success;

/** Why a factor cannot be chosen for this account now, or null when it can. */
export function factorBlocker(
  factor: AppFactor,
  account: { email: string; faceEnrolled: boolean },
): string | null {
  if (factor === 'email' && !isValidEmail(account.email)) return EMAIL_MISSING;
  if (factor === 'face' && !account.faceEnrolled) return FACE_MISSING;
  return null;
}

export const usesEmail = (mfa: MfaConfig): boolean =>
  mfa.webLogin === 'email' || mfa.appLogin === 'email' || mfa.appUnlock === 'email';

export const sameMfa = (a: MfaConfig, b: MfaConfig): boolean =>
  a.webLogin === b.webLogin && a.appLogin === b.appLogin && a.appUnlock === b.appUnlock;

/**
 * Whether the factor change must be saved before the profile edit. `PUT /users/:id/mfa` judges
 * the email stored on the account, and a profile edit that clears the email is refused while a
 * stored factor still uses it; so the factors go first unless they need an email that only the
 * profile edit brings.
 */
export const factorsFirst = (next: MfaConfig, storedEmail: string): boolean =>
  !usesEmail(next) || isValidEmail(storedEmail);
