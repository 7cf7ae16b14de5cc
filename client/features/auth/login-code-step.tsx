import { createSignal, Show } from 'solid-js';
import type { CodeSent } from '../../../schemas/mfa';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { ChevronLeft, Info } from '../../ui/icons';
import { codeErrorMessage, detailNumber, resendAfterFrom } from './code-errors';
import { EmailCodeForm } from './email-code-form';

/** A refusal after which this verification cannot go on: the user signs in again. */
function endedMessage(error: unknown): string | null {
  if (!(error instanceof ApiClientError)) return null;
  if (error.code === 'CHALLENGE_ENDED') return error.message;
  if (error.code === 'CODE_INVALID' && detailNumber(error, 'attemptsLeft') === 0) {
    return 'That code was not correct, and it was the last try. Sign in again to get a new code.';
  }
  return null;
}

/** Words for a failed verify or resend on the console; mail failures say what went wrong. */
function loginCodeError(error: unknown): string {
  if (error instanceof ApiClientError && error.code === 'MAIL_UNAVAILABLE') {
    return 'The code could not be sent: email is not set up on this server. Ask an administrator.';
  }
  return codeErrorMessage(error);
}

/**
 * The second step of a WEB sign-in whose account verifies by email: the shared code form,
 * wired to `POST /auth/mfa/verify` and `POST /auth/mfa/email`. An ended verification (expired,
 * too many wrong codes) goes back to the password step with the reason.
 */
export function LoginCodeStep(props: {
  sent: CodeSent;
  username: string;
  onSignedIn: () => Promise<void>;
  onEnded: (message: string) => void;
  onBack: () => void;
}) {
  const [sent, setSent] = createSignal<CodeSent>(props.sent);
  const [resendAfter, setResendAfter] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const fail = (e: unknown) => {
    const ended = endedMessage(e);
    if (ended) return props.onEnded(ended);
    setError(loginCodeError(e));
    setResendAfter(resendAfterFrom(e) ?? resendAfter());
    setBusy(false);
  };

  const verify = async (code: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await unwrap(api.auth.mfa.verify.$post({ json: { challengeId: sent().challengeId, code } }));
      // Stays busy while the console opens: the code is spent.
      await props.onSignedIn();
    } catch (e) {
      fail(e);
    }
  };

  const resend = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const next = await unwrap(
        api.auth.mfa.email.$post({ json: { challengeId: sent().challengeId } }),
      );
      setSent(next);
      setResendAfter(undefined);
      setNotice(
        `A new code is on its way to ${next.maskedEmail}. The earlier one no longer works.`,
      );
      setBusy(false);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <button type="button" class="link-button login__back" onClick={() => props.onBack()}>
        <ChevronLeft /> Back
      </button>
      <h2 id="login-title">Check your email</h2>
      <p class="muted login__lead">
        One more step to sign in as <strong class="login__who">{props.username}</strong>.
      </p>
      <Show when={notice()}>
        <div class="alert alert--info" role="status">
          <Info /> <span>{notice()}</span>
        </div>
      </Show>
      <EmailCodeForm
        sent={sent()}
        onVerify={verify}
        onResend={resend}
        error={error()}
        busy={busy()}
        submitLabel="Verify and sign in"
        resendAfter={resendAfter()}
      />
    </>
  );
}
