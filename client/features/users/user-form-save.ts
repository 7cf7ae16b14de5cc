import type { MfaConfig } from '../../../schemas/mfa-config';
import type { UserRecord } from '../../../schemas/users';
import { api, unwrap } from '../../lib/api';
import { factorsFirst, sameMfa } from '../mfa/mfa-factor-options';
import { changedFields, type FormState } from './user-form-state';

const putMfa = (id: string, mfa: MfaConfig) =>
  unwrap(api.users[':id'].mfa.$put({ param: { id }, json: mfa }));

/** What an edit changed on the server. */
export interface EditSaved {
  profile: UserRecord | null;
  mfa: MfaConfig | null;
}

/**
 * Saves an edit: the profile PATCH with only the changed fields, and the sign-in factors through
 * their own route only when they changed, in the order the API accepts (see `factorsFirst`).
 * `landed` hears each step as it succeeds, so that after a later step fails the form stops
 * re-sending what is already stored (a password reset twice would sign the user out twice).
 */
export async function saveUserEdit(
  id: string,
  baseline: FormState,
  form: FormState,
  expiresAt: string | null,
  landed: (saved: EditSaved) => void,
): Promise<EditSaved> {
  const body = changedFields(baseline, form, expiresAt);
  const mfaChanged = !sameMfa(baseline.mfa, form.mfa);
  const result: EditSaved = { profile: null, mfa: null };
  const profile = async () => {
    // An edit with nothing changed still answers "saved", as before factors existed.
    if (Object.keys(body).length === 0 && mfaChanged) return;
    result.profile = await unwrap(api.users[':id'].$patch({ param: { id }, json: body }));
    landed({ ...result });
  };
  const factors = async () => {
    if (!mfaChanged) return;
    result.mfa = (await putMfa(id, form.mfa)).mfa;
    landed({ ...result });
  };
  const steps = factorsFirst(form.mfa, baseline.email) ? [factors, profile] : [profile, factors];
  for (const step of steps) await step();
  return result;
}

/** Gives a just-created account its sign-in factors when they differ from what it got. */
export async function saveNewUserFactors(created: UserRecord, mfa: MfaConfig): Promise<void> {
  if (!sameMfa(created.mfa, mfa)) await putMfa(created.id, mfa);
}
