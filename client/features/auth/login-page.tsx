import { revalidate, useNavigate } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import type { CodeSent } from '../../../schemas/mfa';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { getMe } from '../../lib/session';
import { AlertCircle, Building, Clock, Info, LogoMark, Shield } from '../../ui/icons';
import { LanguagePicker } from '../../ui/language-picker';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { codeErrorMessage } from './code-errors';
import { describedBy, FieldError } from './field-error';
import { takeKickMessage } from './kick-notice';
import { createLazyValidation } from './lazy-validation';
import { LoginCodeStep } from './login-code-step';
import './auth.css';

// Refusals of the sign-in that concern the code it tried to mail, worded like the code step's.
const CODE_SEND_CODES = new Set(['CODE_SEND_LIMIT', 'RESEND_TOO_SOON', 'MAIL_FAILED']);

/** The sign-in's message for a failed password step. */
function signInError(e: unknown): { message: string; field?: string | undefined } {
  if (!(e instanceof ApiClientError)) return { message: t('auth.signInFailed') };
  if (e.code === 'MAIL_UNAVAILABLE') return { message: t('auth.mailUnavailable') };
  if (CODE_SEND_CODES.has(e.code)) return { message: codeErrorMessage(e) };
  return { message: errorText(e), field: e.field };
}

export function LoginPage() {
  usePageTitle(() => t('auth.signIn'));
  const navigate = useNavigate();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<{ message: string; field?: string } | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  // Set once the password passed and a code was mailed: the card shows the code step.
  const [codeSent, setCodeSent] = createSignal<CodeSent | null>(null);
  const checks = createLazyValidation(() =>
    import('./sign-in-checks').then(
      (m) => () => m.signInChecks(() => ({ username: username(), password: password() })),
    ),
  );
  let usernameInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  onMount(() => {
    setNotice(takeKickMessage());
    usernameInput?.focus();
  });

  const enterConsole = async () => {
    await revalidate(getMe.key);
    navigate('/', { replace: true });
  };

  /** Back to the password step, the username kept, with why (or without, when the user chose). */
  const backToPassword = (message: string | null) => {
    setCodeSent(null);
    setPassword('');
    setPending(false);
    setError(message ? { message } : null);
    setNotice(null);
    queueMicrotask(() => passwordInput?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    if (!checks.submit()) {
      (username().trim() ? passwordInput : usernameInput)?.focus();
      return;
    }
    setError(null);
    setPending(true);
    try {
      const answer = await unwrap(
        api.auth.login.$post({
          json: { username: username(), password: password(), client: 'web' },
        }),
      );
      if (answer.status === 'mfa_required') {
        setPending(false);
        setNotice(null);
        // WEB sign-in factors are password and email; face belongs to the APP.
        if (answer.method === 'email') setCodeSent(answer);
        else setError({ message: t('auth.faceInApp') });
        return;
      }
      await enterConsole();
    } catch (e) {
      const failure = signInError(e);
      const besideField =
        (failure.field === 'username' || failure.field === 'password') &&
        checks.setServerError(failure.field, failure.message);
      if (!besideField) setError(failure);
      setPending(false);
    }
  };

  const usernameError = () => checks.error('username');
  const passwordStep = () => (
    <form onSubmit={submit} novalidate aria-labelledby="login-title">
      <h2 id="login-title">{t('auth.signIn')}</h2>
      <p class="muted login__lead">{t('auth.signInLead')}</p>
      <Show when={notice()}>
        <div class="alert alert--info" role="status">
          <Info /> <span>{notice()}</span>
        </div>
      </Show>
      <Show when={error()}>
        {(e) => (
          <div class="alert alert--error" role="alert">
            <AlertCircle /> <span>{e().message}</span>
          </div>
        )}
      </Show>
      <div class="field" classList={{ 'field--invalid': Boolean(usernameError()) }}>
        <label class="field__label" for="login-username">
          {t('auth.username')}
        </label>
        <input
          ref={usernameInput}
          id="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
          onBlur={() => checks.touch('username')}
          aria-invalid={Boolean(usernameError())}
          aria-describedby={describedBy(usernameError(), 'login-username-error')}
        />
        <FieldError id="login-username-error" message={usernameError()} />
      </div>
      <PasswordField
        ref={(el) => {
          passwordInput = el;
        }}
        value={password()}
        onInput={setPassword}
        onBlur={() => checks.touch('password')}
        error={checks.error('password')}
      />
      <button class="button button--primary button--block" type="submit" disabled={pending()}>
        <Show when={pending()} fallback={t('auth.signIn')}>
          <Spinner label={t('auth.signingIn')} /> {t('auth.signingIn')}
        </Show>
      </button>
    </form>
  );

  return (
    <div class="login">
      <aside class="login__brand">
        <div class="login__brand-top">
          <LogoMark width="36" height="36" />
          <span class="login__brand-name">{t('common.appName')}</span>
        </div>
        <div class="login__pitch">
          <h1>{t('auth.pitch.title')}</h1>
          <p>{t('auth.pitch.lead')}</p>
          <ul>
            <li>
              <Building /> {t('auth.pitch.trees')}
            </li>
            <li>
              <Shield /> {t('auth.pitch.roles')}
            </li>
            <li>
              <Clock /> {t('auth.pitch.expiry')}
            </li>
          </ul>
        </div>
        <p class="login__foot">{t('auth.pitch.foot')}</p>
      </aside>
      <main class="login__main">
        <div class="login__language">
          <LanguagePicker />
        </div>
        <div class="login__card">
          <Show when={codeSent()} fallback={passwordStep()}>
            {(sent) => (
              <LoginCodeStep
                sent={sent()}
                username={username()}
                onSignedIn={enterConsole}
                onEnded={backToPassword}
                onBack={() => backToPassword(null)}
              />
            )}
          </Show>
        </div>
      </main>
    </div>
  );
}
