import { revalidate, useNavigate } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import type { CodeSent } from '../../../schemas/mfa';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { AlertCircle, Building, Clock, Info, LogoMark, Shield } from '../../ui/icons';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { codeErrorMessage } from './code-errors';
import { takeKickMessage } from './kick-notice';
import { LoginCodeStep } from './login-code-step';

// Refusals of the sign-in that concern the code it tried to mail, worded like the code step's.
const CODE_SEND_CODES = new Set(['CODE_SEND_LIMIT', 'RESEND_TOO_SOON', 'MAIL_FAILED']);

/** The sign-in's message for a failed password step. */
function signInError(e: unknown): { message: string; field?: string | undefined } {
  if (!(e instanceof ApiClientError)) return { message: 'Sign-in failed. Try again.' };
  if (e.code === 'MAIL_UNAVAILABLE') {
    return {
      message:
        'Your account signs in with an email code, but email is not set up on this server. Ask an administrator.',
    };
  }
  if (CODE_SEND_CODES.has(e.code)) return { message: codeErrorMessage(e) };
  return { message: e.message, field: e.field };
}

export function LoginPage() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<{ message: string; field?: string } | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  // Set once the password passed and a code was mailed: the card shows the code step.
  const [codeSent, setCodeSent] = createSignal<CodeSent | null>(null);
  let usernameInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  onMount(() => {
    setNotice(takeKickMessage());
    usernameInput?.focus();
  });

  const enterConsole = async () => {
    await revalidate('me');
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
        else setError({ message: 'This account signs in with its face, in the APP.' });
        return;
      }
      await enterConsole();
    } catch (e) {
      setError(signInError(e));
      setPending(false);
    }
  };

  const passwordStep = () => (
    <form onSubmit={submit} novalidate aria-labelledby="login-title">
      <h2 id="login-title">Sign in</h2>
      <p class="muted login__lead">Use the account your administrator gave you.</p>
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
      <label class="field">
        <span class="field__label">Username</span>
        <input
          ref={usernameInput}
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
          aria-invalid={error()?.field === 'username'}
        />
      </label>
      <PasswordField
        ref={(el) => {
          passwordInput = el;
        }}
        value={password()}
        onInput={setPassword}
        invalid={error()?.field === 'password'}
      />
      <button class="button button--primary button--block" type="submit" disabled={pending()}>
        <Show when={pending()} fallback="Sign in">
          <Spinner label="Signing in" /> Signing in…
        </Show>
      </button>
    </form>
  );

  return (
    <div class="login">
      <aside class="login__brand">
        <div class="login__brand-top">
          <LogoMark width="36" height="36" />
          <span class="login__brand-name">Gatehouse</span>
        </div>
        <div class="login__pitch">
          <h1>Every account, every company, one gate.</h1>
          <p>
            Decide who may sign in, what they may do on the web and in the app, and for how long.
          </p>
          <ul>
            <li>
              <Building /> Company trees of any depth, each admin in its own scope
            </li>
            <li>
              <Shield /> Roles, permission ceilings and sign-in factors
            </li>
            <li>
              <Clock /> Expiry dates and live sessions you can end at once
            </li>
          </ul>
        </div>
        <p class="login__foot">© Gatehouse · Account &amp; authority service</p>
      </aside>
      <main class="login__main">
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
