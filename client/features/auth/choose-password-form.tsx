import { createSignal, type JSX, Show } from 'solid-js';
import { PASSWORD_RULE } from '../../../schemas/password-rule';
import { createAction } from '../../ui/action';
import { ErrorAlert } from '../../ui/error-alert';
import { PasswordStrength, preloadPasswordEstimator } from '../../ui/password-strength';
import { Spinner } from '../../ui/spinner';

interface Props {
  /** Prefix of the ids the hints hang from (two forms may share a document in tests). */
  idPrefix: string;
  /** The account's names, which the strength meter warns about. */
  user: { username: string; email: string | null; displayName: string } | undefined;
  /** Saves the new password; an ApiClientError it throws is shown on its field. */
  save: (currentPassword: string, newPassword: string) => Promise<void>;
  /** What follows the save button (sign out, cancel). */
  children?: JSX.Element;
  labelledBy?: string;
  class?: string;
}

/**
 * The current password, the new one twice with its rule and strength: the form both the
 * console's password page and the APP's first sign-in use.
 */
export function ChoosePasswordForm(props: Props) {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const save = createAction(() => props.save(current(), next()), 'Saving failed.');
  const { busy, error } = save;

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (next() !== again()) {
      save.setError({ message: 'The two new passwords differ.', field: 'again' });
      return;
    }
    void save.run();
  };

  return (
    <form class={props.class} novalidate onSubmit={submit} aria-labelledby={props.labelledBy}>
      <ErrorAlert message={error()?.message} />
      <label class="field">
        <span class="field__label">Current password</span>
        <input
          type="password"
          autocomplete="current-password"
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
          aria-invalid={error()?.field === 'currentPassword'}
        />
      </label>
      <div class="field">
        <label class="field__label" for={id('new-password')}>
          New password
        </label>
        <input
          id={id('new-password')}
          type="password"
          autocomplete="new-password"
          aria-describedby={`${id('new-password-hint')} ${id('new-password-strength')}`}
          value={next()}
          onFocus={preloadPasswordEstimator}
          onInput={(e) => setNext(e.currentTarget.value)}
          aria-invalid={error()?.field === 'newPassword'}
        />
        <span class="field__hint" id={id('new-password-hint')}>
          {PASSWORD_RULE}
        </span>
        <PasswordStrength
          id={id('new-password-strength')}
          password={next()}
          context={{
            username: props.user?.username,
            email: props.user?.email,
            displayName: props.user?.displayName,
          }}
        />
      </div>
      <label class="field">
        <span class="field__label">New password again</span>
        <input
          type="password"
          autocomplete="new-password"
          value={again()}
          onInput={(e) => setAgain(e.currentTarget.value)}
          aria-invalid={error()?.field === 'again'}
        />
      </label>
      <button class="button button--primary button--block" type="submit" disabled={busy()}>
        <Show when={busy()} fallback="Save password">
          <Spinner label="Saving" /> Saving…
        </Show>
      </button>
      {props.children}
    </form>
  );
}
