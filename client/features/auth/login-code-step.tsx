import { createSignal, Show } from 'solid-js';
import type { CodeSent } from '../../../schemas/mfa';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { ChevronLeft, Info } from '../../ui/icons';
import { codeErrorMessage, detailNumber, resendAfterFrom } from './code-errors';
import { EmailCodeForm } from './email-code-form';

/** A refusal after which this verification cannot go on: the user signs in again. */
function endedMessage(error: unknown): string | null {
  if (!(error instanceof ApiClientError)) return null;
  if (error.code === 'CHALLENGE_ENDED') return errorText(error);
  if (error.code === 'CODE_INVALID' && detailNumber(error, 'attemptsLeft') === 0) {
    return t('auth.codeStep.lastTry');
  }
  return null;
}

/** Words for a failed verify or resend on the console; mail failures say what went wrong. */
function loginCodeError(error: unknown): string {
  if (error instanceof ApiClientError && error.code === 'MAIL_UNAVAILABLE') {
    return t('auth.codeStep.mailUnavailable');
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
      setNotice(t('auth.codeStep.newCode', { email: next.maskedEmail }));
      setBusy(false);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <button type="button" class="link-button login__back" onClick={() => props.onBack()}>
        <ChevronLeft /> {t('auth.codeStep.back')}
      </button>
      <h2 id="login-title">{t('auth.codeStep.title')}</h2>
      <p class="muted login__lead">{t('auth.codeStep.lead', { username: props.username })}</p>
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
        submitLabel={t('auth.codeStep.verify')}
        resendAfter={resendAfter()}
      />
    </>
  );
}
