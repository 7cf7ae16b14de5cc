import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n';
import { LiveErrorAlert } from '../../ui/error-alert';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { createLazyValidation } from '../auth/lazy-validation';
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
  const checks = createLazyValidation(() =>
    import('../auth/sign-in-checks').then(
      (m) => () => m.unlockPasswordChecks(() => ({ password: password() })),
    ),
  );
  return (
    <form
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checks.submit() || !password()) return input?.focus();
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
        onBlur={() => checks.touch('password')}
        error={checks.error('password')}
        invalid={Boolean(props.error) || Boolean(checks.error('password'))}
        enterkeyhint="go"
      />
      <button
        class="button button--primary button--block"
        type="submit"
        disabled={props.busy || !online()}
      >
        <Show when={props.busy} fallback={t('app.lock.unlock')}>
          <Spinner label={t('app.lock.unlocking')} /> {t('app.lock.unlocking')}
        </Show>
      </button>
    </form>
  );
}
