import { createSignal, lazy, Match, Suspense, Switch } from 'solid-js';
import type { CodeSent, LoginAnswer } from '../../../schemas/mfa';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError } from '../../lib/api';
import { Spinner } from '../../ui/spinner';
import { codeErrorMessage, resendAfterFrom } from '../auth/code-errors';
import { EmailCodeForm } from '../auth/email-code-form';
import { appAuth } from './app-auth';
import { AuthLayout } from './app-auth-layout';
import { CredentialsForm } from './app-credentials-form';
import { notice, setSignInNotice, signedIn } from './app-session';

type Step =
  | { kind: 'credentials' }
  | { kind: 'code'; sent: CodeSent }
  | { kind: 'face'; challengeId: string };

// The face check (its camera, MediaPipe and model) loads only when a sign-in reaches it.
const AppFaceCheck = lazy(() => import('./app-face-check'));
const loadFaceCalls = () => import('./app-face-calls').then((m) => m.appFace);

/**
 * The APP's sign-in: username and password, then the account's APP login factor (an emailed
 * code, or the face with a head turn). Ends with a bearer token, never a cookie.
 */
export function AppSignIn() {
  const [step, setStep] = createSignal<Step>({ kind: 'credentials' });
  const [error, setError] = createSignal<string | null>(null);
  const [fieldError, setFieldError] = createSignal<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [resendAfter, setResendAfter] = createSignal<string | undefined>();

  const finish = async (answer: LoginAnswer) => {
    if (answer.status === 'ok') {
      if (!answer.token) throw new Error(t('app.signIn.noToken'));
      await signedIn(answer.token);
      return;
    }
    setResendAfter(undefined);
    setStep(
      answer.method === 'email'
        ? { kind: 'code', sent: answer }
        : { kind: 'face', challengeId: answer.challengeId },
    );
  };

  const faceChallenge = () => {
    const current = step();
    return current.kind === 'face' ? current.challengeId : undefined;
  };

  // What the face step says about a refusal other than a mismatch; null: the step ended.
  const faceFailed = (e: unknown): string | null => {
    if (e instanceof ApiClientError && e.code === 'CHALLENGE_ENDED') {
      backToStart(errorText(e));
      return null;
    }
    return errorText(e);
  };

  const codeSent = () => {
    const current = step();
    return current.kind === 'code' ? current.sent : undefined;
  };

  const run = async (work: () => Promise<void>, describe: (e: unknown) => string | null) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  const signIn = (username: string, password: string) =>
    run(
      async () => {
        setSignInNotice(null);
        setFieldError(null);
        await finish(await appAuth.login(username, password));
      },
      (e) => {
        if (!(e instanceof ApiClientError)) return t('auth.signInFailed');
        if (e.code === 'FACE_LOCKED') return t('app.face.loginBlockedNoEmail');
        if (e.field === 'username' || e.field === 'password') {
          // Beside the field it concerns, not above the form.
          setFieldError({ field: e.field, message: errorText(e) });
          return null;
        }
        return errorText(e);
      },
    );

  const backToStart = (message: string | null) => {
    setStep({ kind: 'credentials' });
    setError(null);
    setSignInNotice(message);
  };

  const codeFailed = (e: unknown) => {
    // The attempt is over (expired, used up, or too many wrong codes): start again.
    if (e instanceof ApiClientError && e.code === 'CHALLENGE_ENDED') {
      backToStart(errorText(e));
      return null;
    }
    const later = resendAfterFrom(e);
    if (later) setResendAfter(later);
    return codeErrorMessage(e);
  };

  const verify = (sent: CodeSent, code: string) =>
    run(async () => finish(await appAuth.verifyLoginCode(sent.challengeId, code)), codeFailed);

  const resend = (sent: CodeSent) =>
    run(async () => {
      const next = await appAuth.resendLoginCode(sent.challengeId);
      setResendAfter(undefined);
      setStep({ kind: 'code', sent: next });
    }, codeFailed);

  return (
    <Switch>
      <Match when={step().kind === 'credentials'}>
        <AuthLayout title={t('auth.signIn')} lead={t('auth.signInLead')}>
          <CredentialsForm
            busy={busy()}
            error={error()}
            fieldError={fieldError()}
            notice={notice()}
            onSubmit={signIn}
          />
        </AuthLayout>
      </Match>
      <Match when={codeSent()}>
        {(sent) => (
          <AuthLayout
            title={t('app.signIn.checkEmail')}
            lead={t('app.signIn.checkEmailLead')}
            back={{ label: t('app.signIn.otherAccount'), onClick: () => backToStart(null) }}
          >
            <EmailCodeForm
              sent={sent()}
              error={error()}
              busy={busy()}
              resendAfter={resendAfter()}
              onVerify={(code) => void verify(sent(), code)}
              onResend={() => void resend(sent())}
            />
          </AuthLayout>
        )}
      </Match>
      <Match when={faceChallenge()}>
        {(challengeId) => (
          <AuthLayout
            title={t('app.signIn.faceTitle')}
            lead={t('app.signIn.faceLead')}
            back={{ label: t('app.signIn.otherAccount'), onClick: () => backToStart(null) }}
          >
            <Suspense fallback={<Spinner label={t('app.signIn.loadingFace')} />}>
              <AppFaceCheck
                autoStart
                start={async () => (await loadFaceCalls()).startLogin(challengeId())}
                verify={async (nonce, frames) => {
                  const calls = await loadFaceCalls();
                  await finish(await calls.verifyLogin(challengeId(), nonce, frames));
                }}
                onLocked={() => backToStart(t('app.face.loginBlocked'))}
                describe={faceFailed}
              />
            </Suspense>
          </AuthLayout>
        )}
      </Match>
    </Switch>
  );
}
