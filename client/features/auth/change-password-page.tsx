import { A, createAsync, revalidate, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, Show } from 'solid-js';
import { PASSWORD_RULE } from '../../../schemas/password-rule';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { getMe } from '../../lib/session';
import { ErrorAlert } from '../../ui/error-alert';
import { LogoMark } from '../../ui/icons';
import { PasswordStrength, preloadPasswordEstimator } from '../../ui/password-strength';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';

/** Shown after signing in with a password an admin set: the user picks its own first. */
export default function ChangePasswordPage() {
  const navigate = useNavigate();
  const me = createAsync(() => getMe());
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [error, setError] = createSignal<{ message: string; field?: string } | null>(null);
  const [pending, setPending] = createSignal(false);

  createEffect(() => {
    if (me() === null) navigate('/login', { replace: true });
  });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (next() !== again()) {
      setError({ message: 'The two new passwords differ.', field: 'again' });
      return;
    }
    setPending(true);
    setError(null);
    try {
      await unwrap(
        api.me.password.$post({ json: { currentPassword: current(), newPassword: next() } }),
      );
      toast('Password changed.');
      await revalidate('me');
      navigate('/', { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiClientError
          ? { message: err.message, field: err.field }
          : { message: 'Saving failed.' },
      );
      setPending(false);
    }
  };

  const signOut = async () => {
    await unwrap(api.auth.logout.$post()).catch(() => undefined);
    await revalidate('me');
    navigate('/login', { replace: true });
  };

  return (
    <main class="login__main login__main--solo">
      <form class="login__card" onSubmit={submit} novalidate aria-labelledby="pw-title">
        <div class="login__brand-top login__brand-top--dark">
          <LogoMark width="32" height="32" />
          <span>Gatehouse</span>
        </div>
        <h2 id="pw-title">
          {me()?.user.mustChangePassword === false
            ? 'Change your password'
            : 'Choose your password'}
        </h2>
        <p class="muted">
          <Show
            when={me()?.user.mustChangePassword === false}
            fallback={
              <>
                Welcome{me() ? `, ${me()?.user.displayName}` : ''}. Your administrator set your
                current password; choose one only you know.
              </>
            }
          >
            Your other sessions end when you save; this one stays signed in.
          </Show>
        </p>
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
          <label class="field__label" for="new-password">
            New password
          </label>
          <input
            id="new-password"
            type="password"
            autocomplete="new-password"
            aria-describedby="new-password-hint new-password-strength"
            value={next()}
            onFocus={preloadPasswordEstimator}
            onInput={(e) => setNext(e.currentTarget.value)}
            aria-invalid={error()?.field === 'newPassword'}
          />
          <span class="field__hint" id="new-password-hint">
            {PASSWORD_RULE}
          </span>
          <PasswordStrength
            id="new-password-strength"
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
        <button class="button button--primary button--block" type="submit" disabled={pending()}>
          <Show when={pending()} fallback="Save password">
            <Spinner label="Saving" /> Saving…
          </Show>
        </button>
        <Show
          when={me()?.user.mustChangePassword === false}
          fallback={
            <button type="button" class="button button--ghost button--block" onClick={signOut}>
              Sign out
            </button>
          }
        >
          <A class="button button--ghost button--block" href="/">
            Cancel
          </A>
        </Show>
      </form>
    </main>
  );
}
