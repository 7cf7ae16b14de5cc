import { createEffect, createSignal, on } from 'solid-js';
import type { UserRecord } from '../../../schemas/users';
import { emptyForm, type FormState, fromUser } from './user-form-state';

/**
 * The form's draft and its baseline (what the server holds, as a form: edits are judged
 * against it, and it follows each save step that lands).
 */
export function createUserDraft(props: {
  user: UserRecord | undefined;
  parent: UserRecord | undefined;
  initialCompanyId: string;
  ownExpiry: () => string | null | undefined;
}) {
  const [form, setForm] = createSignal<FormState>(
    props.user
      ? fromUser(props.user)
      : emptyForm(props.initialCompanyId, props.parent, props.ownExpiry()),
  );
  const [baseline, setBaseline] = createSignal<FormState | null>(
    props.user ? fromUser(props.user) : null,
  );
  // A parent (or the admin's own account) that loads after the form opens still sets the new
  // account's starting date.
  createEffect(
    on([() => props.parent, props.ownExpiry], ([p, own]) => {
      if (props.user || (!p && !own)) return;
      const start = emptyForm(props.initialCompanyId, p, own);
      setForm((f) => ({ ...f, never: start.never, expiresOn: start.expiresOn }));
    }),
  );
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  return { form, setForm, set, baseline, setBaseline };
}
