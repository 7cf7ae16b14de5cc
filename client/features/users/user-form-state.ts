import { DEFAULT_MFA, type MfaConfig } from '../../../schemas/mfa-config';
import type { UserRecord } from '../../../schemas/users';
import { fromDateInput, toDateInput } from '../../ui/format';

/** What the user form edits; dates as the `<input type=date>` value. */
export interface FormState {
  username: string;
  displayName: string;
  password: string;
  email: string;
  phone: string;
  companyId: string;
  relatedCompanyId: string;
  expiresOn: string;
  never: boolean;
  roleIds: string[];
  permissions: string[];
  /** Saved through `PUT /users/:id/mfa`, never in the PATCH body. */
  mfa: MfaConfig;
}

/**
 * A new account's form. It starts at the earliest date the account may have — its parent's,
 * or the admin's own (nobody grants more time than it has) — and at "never" only when neither
 * expires.
 */
export const emptyForm = (
  companyId: string,
  parent?: UserRecord,
  ownExpiry?: string | null,
): FormState => {
  const limits = [parent?.expiresAt, ownExpiry].filter((d): d is string => Boolean(d));
  const earliest = limits.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  return {
    username: '',
    displayName: '',
    password: '',
    email: '',
    phone: '',
    companyId,
    relatedCompanyId: companyId,
    expiresOn: toDateInput(earliest),
    never: earliest === null,
    roleIds: [],
    permissions: [],
    mfa: { ...DEFAULT_MFA },
  };
};

export const fromUser = (u: UserRecord): FormState => ({
  username: u.username,
  displayName: u.displayName,
  password: '',
  email: u.email ?? '',
  phone: u.phone ?? '',
  companyId: u.companyId,
  relatedCompanyId: u.relatedCompanyId,
  expiresOn: toDateInput(u.expiresAt),
  never: u.expiresAt === null,
  roleIds: u.roleIds,
  permissions: u.permissions,
  mfa: { ...u.mfa },
});

/**
 * A day picked in a date field as an instant: the end of that day, but never past `caps` that
 * fall on the same day (the stored date, the parent's and the admin's own expiry), so keeping
 * the shown day keeps the stored instant, and "the same day as my own" is allowed.
 */
export function expiryOfDay(
  never: boolean,
  day: string,
  caps: (string | null | undefined)[],
): string | null {
  if (never) return null;
  const chosen = fromDateInput(day);
  if (chosen === null) return null;
  let result = Date.parse(chosen);
  for (const cap of caps) {
    if (cap && toDateInput(cap) === day) result = Math.min(result, Date.parse(cap));
  }
  return new Date(result).toISOString();
}

/** The form's expiry as an instant (see {@link expiryOfDay}). */
export const expiryOf = (form: FormState, caps: (string | null | undefined)[]): string | null =>
  expiryOfDay(form.never, form.expiresOn, caps);

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The PATCH body of an edit: only the fields that differ from the loaded account, so an
 * untouched field (a date shown to the day, roles hidden from this admin) is never re-sent.
 */
export function changedFields(
  original: FormState,
  now: FormState,
  expiresAt: string | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of [
    'username',
    'displayName',
    'email',
    'phone',
    'companyId',
    'relatedCompanyId',
  ] as const) {
    if (now[key] !== original[key]) body[key] = now[key];
  }
  if (now.password) body.password = now.password;
  if (now.never !== original.never || (!now.never && now.expiresOn !== original.expiresOn)) {
    body.expiresAt = expiresAt;
  }
  if (!sameSet(now.roleIds, original.roleIds)) body.roleIds = now.roleIds;
  if (!sameSet(now.permissions, original.permissions)) body.permissions = now.permissions;
  return body;
}
