import { createSignal, Show } from 'solid-js';
import { PASSWORD_RULE } from '../../../schemas/password-rule';
import { ApiClientError, unwrap } from '../../lib/api';
import { ErrorAlert } from '../../ui/error-alert';
import { PasswordStrength, preloadPasswordEstimator } from '../../ui/password-strength';
import { Spinner } from '../../ui/spinner';
import { appApi } from './app-api';
import { AuthLayout } from './app-auth-layout';
import { loadMe, me, signOut } from './app-session';

/**
 * First sign-in with a password an administrator set: the server refuses everything else
 * until the user chooses its own, so the APP asks for it here.
 */
export function AppChoosePassword() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [error, setError] = createSignal<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (next() !== again()) {
      setError({ message: 'The two new passwords differ.', field: 'again' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        appApi.me.password.$post({ json: { currentPassword: current(), newPassword: next() } }),
      );
      await loadMe();
    } catch (err) {
      setError(
        err instanceof ApiClientError
          ? { message: err.message, ...(err.field ? { field: err.field } : {}) }
          : { message: 'Saving failed.' },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Choose your password"
      lead={`Welcome, ${me()?.user.displayName ?? ''}. Your administrator set your current password; choose one only you know.`}
    >
      <form novalidate onSubmit={submit}>
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
          <label class="field__label" for="app-new-password">
            New password
          </label>
          <input
            id="app-new-password"
            type="password"
            autocomplete="new-password"
            aria-describedby="app-new-password-hint app-new-password-strength"
            value={next()}
            onFocus={preloadPasswordEstimator}
            onInput={(e) => setNext(e.currentTarget.value)}
            aria-invalid={error()?.field === 'newPassword'}
          />
          <span class="field__hint" id="app-new-password-hint">
            {PASSWORD_RULE}
          </span>
          <PasswordStrength
            id="app-new-password-strength"
            password={next()}
            context={{
              username: me()?.user.username,
              email: me()?.user.email,
              displayName: me()?.user.displayName,
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
        <button
          type="button"
          class="button button--ghost button--block"
          onClick={() => void signOut()}
        >
          Sign out
        </button>
      </form>
    </AuthLayout>
  );
}
