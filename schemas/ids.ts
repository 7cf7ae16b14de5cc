import { z } from 'zod';

/** Ids are prefixed random strings: `co_…` companies, `us_…` users, `ro_…` roles. */
export const companyIdSchema = z.string().regex(/^co_[A-Za-z0-9]{8,32}$/, 'Not a company id.');
export const userIdSchema = z.string().regex(/^us_[A-Za-z0-9]{8,32}$/, 'Not a user id.');
export const roleIdSchema = z.string().regex(/^ro_[A-Za-z0-9]{8,32}$/, 'Not a role id.');
