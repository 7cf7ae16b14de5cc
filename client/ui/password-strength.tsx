import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import type { PasswordContext } from '../../schemas/password-policy';
import { t } from '../i18n';
import type { PasswordEstimate } from './password-estimate';

type Estimator = typeof import('./password-estimate');
let loading: Promise<Estimator> | undefined;

/** Loads zxcvbn, its dictionary and the policy once; a failed load is tried again next time. */
function loadPasswordEstimator(): Promise<Estimator> {
  loading ??= import('./password-estimate').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Starts loading the estimator without waiting: call it when a password field gains focus, so
 * the meter is ready by the first keystroke. A failure only leaves the meter empty.
 */
export function preloadPasswordEstimator(): void {
  loadPasswordEstimator().catch(() => undefined);
}

const LEVELS = ['s0', 's1', 's2', 's3', 's4'] as const;

/**
 * zxcvbn's score, except that a password the policy refuses (it holds the username, it is
 * common …) never reads "Strong": the bar would contradict the refusal beside it.
 */
const shownScore = (e: PasswordEstimate) => (e.problem ? 0 : e.score);

/**
 * A strength bar (zxcvbn's 0–4 score, with its label in text) and the password policy's own
 * verdict, announced politely. Shows nothing while the password is empty or the estimator
 * loads; the server checks the policy either way.
 */
export function PasswordStrength(props: {
  password: string;
  context: PasswordContext;
  id?: string;
  /** The field already says what is wrong (its error is shown): do not say it twice. */
  problemShown?: boolean;
}) {
  const [estimate, setEstimate] = createSignal<PasswordEstimate | null>(null);

  createEffect(() => {
    const password = props.password;
    const { username, email, displayName } = props.context;
    if (!password) {
      setEstimate(null);
      return;
    }
    let current = true;
    onCleanup(() => {
      current = false;
    });
    loadPasswordEstimator().then(
      (m) => current && setEstimate(m.estimatePassword(password, { username, email, displayName })),
      () => current && setEstimate(null),
    );
  });

  const verdict = () => {
    const e = estimate();
    if (!e) return '';
    if (!e.problem) return t('auth.strength.meets');
    // Worded by the policy's stable reason code, in the reader's language; once the field
    // itself says what is wrong, saying it again here would only repeat it.
    return props.problemShown ? '' : t(`validation.reasons.${e.problem.code}`);
  };

  return (
    <div class="password-strength" id={props.id}>
      <Show when={estimate()}>
        {(e) => (
          <div class="password-strength__meter">
            <span class="password-strength__bar" data-score={shownScore(e())} aria-hidden="true">
              <span class="password-strength__segment" />
              <span class="password-strength__segment" />
              <span class="password-strength__segment" />
              <span class="password-strength__segment" />
            </span>
            <span class="password-strength__label">
              {t('auth.strength.label', {
                level: t(`auth.strength.levels.${LEVELS[shownScore(e())]}`),
              })}
            </span>
          </div>
        )}
      </Show>
      <span
        class="password-strength__verdict"
        classList={{ 'password-strength__verdict--ok': estimate()?.problem === null }}
        aria-live="polite"
      >
        {verdict()}
      </span>
    </div>
  );
}
