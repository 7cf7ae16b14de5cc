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
}

export const emptyForm = (companyId: string, parent?: UserRecord): FormState => ({
  username: '',
  displayName: '',
  password: '',
  email: '',
  phone: '',
  companyId,
  relatedCompanyId: companyId,
  // A sub-user cannot outlive its parent: start from the parent's date.
  expiresOn: toDateInput(parent?.expiresAt ?? null),
  never: !parent?.expiresAt,
  roleIds: [],
  permissions: [],
});

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
});

/**
 * The chosen expiry as an instant: the end of the chosen day, but never past `caps` (the
 * parent's and the admin's own expiry), so picking "the same day as the parent" is allowed.
 */
export function expiryOf(form: FormState, caps: (string | null | undefined)[]): string | null {
  if (form.never) return null;
  const chosen = fromDateInput(form.expiresOn);
  if (chosen === null) return null;
  let result = Date.parse(chosen);
  for (const cap of caps) {
    if (cap && toDateInput(cap) === form.expiresOn) result = Math.min(result, Date.parse(cap));
  }
  return new Date(result).toISOString();
}

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
