import { createSignal, Show } from 'solid-js';
import { LiveErrorAlert } from '../../ui/error-alert';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { online } from './app-online';

/** The lock screen's password step; the field is focused and, after a refusal, selected. */
export function PasswordUnlock(props: {
  busy: boolean;
  error: string | null;
  username: string;
  onSubmit: (password: string) => void;
}) {
  const [password, setPassword] = createSignal('');
  let input: HTMLInputElement | undefined;
  return (
    <form
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!password()) return input?.focus();
        props.onSubmit(password());
        input?.select();
      }}
    >
      <LiveErrorAlert message={props.error} />
      {/* Lets password managers fill the right account's password. */}
      <input type="hidden" name="username" autocomplete="username" value={props.username} />
      <PasswordField
        ref={(el) => {
          input = el;
          queueMicrotask(() => el.focus());
        }}
        value={password()}
        onInput={setPassword}
        invalid={Boolean(props.error)}
        enterkeyhint="go"
      />
      <button
        class="button button--primary button--block"
        type="submit"
        disabled={props.busy || !online()}
      >
        <Show when={props.busy} fallback="Unlock">
          <Spinner label="Unlocking" /> Unlocking…
        </Show>
      </button>
    </form>
  );
}
