import { createEffect, createSignal, on, onMount, Show } from 'solid-js';
import { t } from '../../i18n';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Info } from '../../ui/icons';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { describedBy, FieldError } from '../auth/field-error';
import { createLazyValidation } from '../auth/lazy-validation';
import { online } from './app-online';

/** Username and password, with the reason of an ended session above them when there is one. */
export function CredentialsForm(props: {
  busy: boolean;
  error: string | null;
  notice: string | null;
  onSubmit: (username: string, password: string) => void;
  /** A field the server refused, with why. */
  fieldError?: { field: string; message: string } | null;
}) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  let usernameInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;
  const checks = createLazyValidation(() =>
    import('../auth/sign-in-checks').then(
      (m) => () => m.signInChecks(() => ({ username: username(), password: password() })),
    ),
  );
  onMount(() => usernameInput?.focus());
  // The server's refusal of a field shows beside it until that field changes.
  const fieldValue = (field: string) => (field === 'username' ? username() : password());
  const [server, setServer] = createSignal<{ field: string; message: string; value: string }>();
  createEffect(
    on(
      () => props.fieldError,
      (e) => setServer(e ? { ...e, value: fieldValue(e.field) } : undefined),
    ),
  );
  const fieldError = (field: 'username' | 'password') => {
    const s = server();
    const fromServer = s?.field === field && s.value === fieldValue(field) ? s.message : undefined;
    return fromServer ?? checks.error(field);
  };
  const usernameError = () => fieldError('username');

  return (
    <form
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checks.submit()) {
          (username().trim() ? passwordInput : usernameInput)?.focus();
          return;
        }
        props.onSubmit(username(), password());
      }}
    >
      <Show when={props.notice}>
        <div class="alert alert--info" role="status">
          <Info /> <span>{props.notice}</span>
        </div>
      </Show>
      <LiveErrorAlert message={props.error} />
      <div class="field" classList={{ 'field--invalid': Boolean(usernameError()) }}>
        <label class="field__label" for="app-username">
          {t('auth.username')}
        </label>
        <input
          ref={usernameInput}
          id="app-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          enterkeyhint="next"
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
          onBlur={() => checks.touch('username')}
          aria-invalid={Boolean(usernameError())}
          aria-describedby={describedBy(usernameError(), 'app-username-error')}
        />
        <FieldError id="app-username-error" message={usernameError()} />
      </div>
      <PasswordField
        ref={(el) => {
          passwordInput = el;
        }}
        value={password()}
        onInput={setPassword}
        onBlur={() => checks.touch('password')}
        error={fieldError('password')}
        enterkeyhint="go"
      />
      <button
        class="button button--primary button--block"
        type="submit"
        disabled={props.busy || !online()}
      >
        <Show when={props.busy} fallback={t('auth.signIn')}>
          <Spinner label={t('auth.signingIn')} /> {t('auth.signingIn')}
        </Show>
      </button>
      <Show when={!online()}>
        <p class="app-hint">{t('app.signIn.offline')}</p>
      </Show>
    </form>
  );
}
