import { z } from 'zod';

export const clientKindSchema = z.enum(['web', 'app']);
export type ClientKind = z.infer<typeof clientKindSchema>;

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username.').max(64),
  password: z.string().min(1, 'Enter your password.').max(256),
  client: clientKindSchema.default('web'),
});
export type LoginInput = z.input<typeof loginSchema>;

/** Why a live session ended; sent to its open screens in the `kicked` message. */
export const KICK_REASONS = {
  logged_out: 'You signed out.',
  signed_in_elsewhere: 'You signed in on another device.',
  revoked: 'An administrator ended your session.',
  ended_elsewhere: 'This session was ended from another of your devices.',
  session_expired: 'Your session expired.',
  account_expired: 'Your account expired.',
  account_disabled: 'Your account was disabled.',
  account_deleted: 'Your account was deleted.',
  password_changed: 'Your password was changed. Sign in with the new one.',
} as const;
export type KickReason = keyof typeof KICK_REASONS;

/** Messages the server pushes over `GET /live`. */
export type LiveMessage =
  | { type: 'hello'; sessionId: string }
  | { type: 'pong' }
  | { type: 'kicked'; reason: KickReason }
  | { type: 'permissions_changed' }
  | { type: 'expiry_changed' };

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(256),
    newPassword: z.string().min(10, 'Use at least 10 characters.').max(256),
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: 'Choose a password different from the current one.',
    path: ['newPassword'],
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
