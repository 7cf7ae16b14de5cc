import { createSignal, Show } from 'solid-js';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Eye, EyeOff } from '../../ui/icons';
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
  const [show, setShow] = createSignal(false);
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
      <label class="field">
        <span class="field__label">Password</span>
        <span class="field__with-action">
          <input
            ref={(el) => {
              input = el;
              queueMicrotask(() => el.focus());
            }}
            name="password"
            type={show() ? 'text' : 'password'}
            autocomplete="current-password"
            enterkeyhint="go"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            aria-invalid={Boolean(props.error)}
          />
          <button
            type="button"
            class="icon-button"
            onClick={() => setShow(!show())}
            aria-label={show() ? 'Hide password' : 'Show password'}
          >
            {show() ? <EyeOff /> : <Eye />}
          </button>
        </span>
      </label>
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
