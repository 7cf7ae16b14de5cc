import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-rule';
import { passwordSchema } from './password-schema';

export const clientKindSchema = z.enum(['web', 'app']);
export type ClientKind = z.infer<typeof clientKindSchema>;

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username.').max(64),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
  client: clientKindSchema.default('web'),
});
export type LoginInput = z.input<typeof loginSchema>;

// The live-session messages live in a zod-free module so the console's first bundle can use them
// without zod and the password policy; re-exported here for the Worker's existing imports.
export { KICK_REASONS, type KickReason, type LiveMessage } from './live';

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
    // The account's names are not in the body: the service checks them with the stored ones.
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: 'Choose a password different from the current one.',
    path: ['newPassword'],
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
