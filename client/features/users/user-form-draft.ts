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
  // The account read again (after a save, or a change elsewhere): fields the admin has not
  // touched follow the server, edits in progress stay.
  createEffect(
    on(
      () => props.user,
      (u) => {
        if (!u) return;
        const before = baseline();
        const fresh = fromUser(u);
        setForm((f) => (before ? rebase(f, before, fresh) : fresh));
        setBaseline(fresh);
      },
      { defer: true },
    ),
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

/** `form` moved onto `next`: each field still equal to `before` takes its value from `next`. */
export function rebase(form: FormState, before: FormState, next: FormState): FormState {
  const out = { ...form } as Record<keyof FormState, unknown>;
  for (const key of Object.keys(next) as (keyof FormState)[]) {
    if (JSON.stringify(form[key]) === JSON.stringify(before[key])) out[key] = next[key];
  }
  return out as unknown as FormState;
}
