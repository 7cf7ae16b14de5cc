import { createSignal, onMount, Show } from 'solid-js';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Info } from '../../ui/icons';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { online } from './app-online';

/** Username and password, with the reason of an ended session above them when there is one. */
export function CredentialsForm(props: {
  busy: boolean;
  error: string | null;
  notice: string | null;
  onSubmit: (username: string, password: string) => void;
}) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  let usernameInput: HTMLInputElement | undefined;
  onMount(() => usernameInput?.focus());

  return (
    <form
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(username(), password());
      }}
    >
      <Show when={props.notice}>
        <div class="alert alert--info" role="status">
          <Info /> <span>{props.notice}</span>
        </div>
      </Show>
      <LiveErrorAlert message={props.error} />
      <label class="field">
        <span class="field__label">Username</span>
        <input
          ref={usernameInput}
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          enterkeyhint="next"
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <PasswordField value={password()} onInput={setPassword} enterkeyhint="go" />
      <button
        class="button button--primary button--block"
        type="submit"
        disabled={props.busy || !online()}
      >
        <Show when={props.busy} fallback="Sign in">
          <Spinner label="Signing in" /> Signing in…
        </Show>
      </button>
      <Show when={!online()}>
        <p class="app-hint">You are offline. Connect to the internet to sign in.</p>
      </Show>
    </form>
  );
}
