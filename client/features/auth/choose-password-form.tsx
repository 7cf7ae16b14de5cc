import { createSignal, type JSX, Show } from 'solid-js';
import { changePasswordSchema } from '../../../schemas/auth';
import { PASSWORD_MIN_LENGTH } from '../../../schemas/password-rule';
import { t } from '../../i18n';
import { createAction } from '../../ui/action';
import { ErrorAlert } from '../../ui/error-alert';
import { createFormValidation } from '../../ui/form-validation';
import { PasswordField } from '../../ui/password-field';
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

const FIELDS = new Set(['currentPassword', 'newPassword']);

/**
 * The current password, the new one twice with its rule (shown from the start) and strength:
 * the form both the console's password page and the APP's first sign-in use. Checked with the
 * API's own schema while typing; the server's field errors show beside their field.
 */
export function ChoosePasswordForm(props: Props) {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [againTouched, setAgainTouched] = createSignal(false);
  const [submitted, setSubmitted] = createSignal(false);
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const checks = createFormValidation(changePasswordSchema, () => ({
    currentPassword: current(),
    newPassword: next(),
  }));
  const save = createAction(() => props.save(current(), next()), t('auth.choose.failed'));
  const { busy, error } = save;
  // The repeat is the form's own rule, not the API's: checked the same way, beside its field.
  const againError = () =>
    (againTouched() || submitted()) && again() !== next() ? t('auth.choose.differ') : undefined;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const valid = checks.submit();
    if (!valid || again() !== next()) return;
    await save.run();
    const failure = save.error();
    if (failure?.field && FIELDS.has(failure.field)) {
      checks.setServerError(failure.field, failure.message);
      save.setError(null);
    }
  };

  return (
    <form class={props.class} novalidate onSubmit={submit} aria-labelledby={props.labelledBy}>
      <ErrorAlert message={error()?.message} />
      <PasswordField
        label={t('auth.choose.current')}
        name="current-password"
        value={current()}
        onInput={setCurrent}
        onBlur={() => checks.touch('currentPassword')}
        error={checks.error('currentPassword')}
      />
      <PasswordField
        label={t('auth.choose.next')}
        name="new-password"
        autocomplete="new-password"
        value={next()}
        onInput={setNext}
        onFocus={preloadPasswordEstimator}
        onBlur={() => checks.touch('newPassword')}
        error={checks.error('newPassword')}
        describedBy={`${id('new-password-hint')} ${id('new-password-strength')}`}
      >
        <span class="field__hint" id={id('new-password-hint')}>
          {t('auth.choose.rule', PASSWORD_MIN_LENGTH)}
        </span>
        <PasswordStrength
          id={id('new-password-strength')}
          password={next()}
          problemShown={!!checks.error('newPassword')}
          context={{
            username: props.user?.username,
            email: props.user?.email,
            displayName: props.user?.displayName,
          }}
        />
      </PasswordField>
      <PasswordField
        label={t('auth.choose.again')}
        name="new-password-again"
        autocomplete="new-password"
        value={again()}
        onInput={setAgain}
        onBlur={() => setAgainTouched(true)}
        error={againError()}
      />
      <button class="button button--primary button--block" type="submit" disabled={busy()}>
        <Show when={busy()} fallback={t('auth.choose.save')}>
          <Spinner label={t('common.saving')} /> {t('common.saving')}
        </Show>
      </button>
      {props.children}
    </form>
  );
}
