import { z } from 'zod';
import { faceEnrolmentSchema } from './face';
import { mfaConfigSchema } from './mfa-config';

/** `GET /api/v1/me` user; field names are part of the public contract. */
export const meUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  companyId: z.string(),
  companyName: z.string(),
  relatedCompanyId: z.string(),
  parentUserId: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** The password was set by an admin: the user must choose its own before anything else. */
  mustChangePassword: z.boolean(),
  /** How the account signs in and unlocks the APP (the APP shows the matching unlock step). */
  mfa: mfaConfigSchema,
  /** The face enrolled for APP login and unlock, if any. */
  face: faceEnrolmentSchema,
  /** Minutes an APP session may sit idle or hidden before it locks. */
  appLockMinutes: z.number().int(),
});
export type MeUser = z.infer<typeof meUserSchema>;

export const meResponseSchema = z.object({
  user: meUserSchema,
  scope: z.object({ companyId: z.string(), companyName: z.string() }),
  permissions: z.array(z.string()),
  session: z.object({
    id: z.string(),
    client: z.enum(['web', 'app']),
    expiresAt: z.string().nullable(),
  }),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** `{ status: 'ok' }` for actions with nothing else to say. */
export const okSchema = z.object({ status: z.literal('ok') });
