import { createEffect, createSignal, lazy, Match, on, Show, Suspense, Switch } from 'solid-js';
import type { AppFactor, CodeSent } from '../../../schemas/mfa';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError } from '../../lib/api';
import { LiveErrorAlert } from '../../ui/error-alert';
import { initials } from '../../ui/format';
import { Info, Lock, Mail } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { codeErrorMessage, detailNumber, resendAfterFrom } from '../auth/code-errors';
import { EmailCodeForm } from '../auth/email-code-form';
import { appAuth } from './app-auth';
import { AuthLayout } from './app-auth-layout';
import { online } from './app-online';
import { PasswordUnlock } from './app-password-unlock';
import { endSession, me, signOut, unlocked } from './app-session';
import { readLockProfile } from './app-token';

// Spelled out rather than imported: the factor lists live beside zod, which the APP leaves out.
const isFactor = (value: unknown): value is AppFactor =>
  value === 'password' || value === 'email' || value === 'face';

const LEADS = {
  password: 'app.lock.leadPassword',
  email: 'app.lock.leadEmail',
  face: 'app.lock.leadFace',
} as const satisfies Record<AppFactor, string>;

// The face check (its camera, MediaPipe and model) loads only when a face unlock starts.
const AppFaceCheck = lazy(() => import('./app-face-check'));
const loadFaceCalls = () => import('./app-face-calls').then((m) => m.appFace);

/**
 * The locked APP: whose it is, and the account's APP unlock factor. The server refuses every
 * other request meanwhile; unlocking keeps the same token and live socket. Five wrong answers
 * end the session (the sign-in screen then says why).
 */
export function AppLockScreen() {
  const profile = () => {
    const current = me();
    if (!current) return readLockProfile();
    const { displayName, username, email, mfa } = current.user;
    return { displayName, username, email, appUnlock: mfa.appUnlock };
  };
  const [factor, setFactor] = createSignal<AppFactor>(profile()?.appUnlock ?? 'password');
  // An administrator changed the factor while this screen is up (the live notice says so).
  createEffect(
    on(
      () => profile()?.appUnlock,
      (changed) => {
        if (changed && changed !== factor()) {
          setFactor(changed);
          setSent(null);
          setFaceBlocked(false);
        }
      },
      { defer: true },
    ),
  );
  const [sent, setSent] = createSignal<CodeSent | null>(null);
  // Face failed too often: the server now takes the password instead (FACE_LOCKED).
  const [faceBlocked, setFaceBlocked] = createSignal(false);
  const shown = (): AppFactor => (factor() === 'face' && faceBlocked() ? 'password' : factor());
  const [resendAfter, setResendAfter] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let attemptsLeft: number | undefined;

  const failed = (e: unknown): string | null => {
    if (!(e instanceof ApiClientError)) return t('common.unexpectedError');
    switch (e.code) {
      case 'SESSION_ENDED':
        // The last allowed failure ends the session; the live kick says the same when it comes.
        endSession(attemptsLeft === 1 ? 'unlock_failed' : undefined);
        return null;
      case 'FACTOR_NOT_ALLOWED': {
        const configured = e.details?.factor;
        if (isFactor(configured)) {
          setFactor(configured);
          setSent(null);
          setFaceBlocked(false);
        }
        return t('app.lock.factorChanged');
      }
      case 'CHALLENGE_ENDED':
        setSent(null);
        return errorText(e);
      default:
        attemptsLeft = detailNumber(e, 'attemptsLeft') ?? attemptsLeft;
        setResendAfter(resendAfterFrom(e) ?? resendAfter());
        return codeErrorMessage(e);
    }
  };

  const run = async (work: () => Promise<void>) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(failed(e));
    } finally {
      setBusy(false);
    }
  };

  const unlockWith = (input: Parameters<typeof appAuth.unlock>[0]) =>
    run(async () => {
      await appAuth.unlock(input);
      await unlocked();
    });
  const sendCode = () =>
    run(async () => {
      // The screen locked itself but its lock call may not have reached the server (offline at
      // that moment): unlock codes are only for locked sessions, so lock it there first.
      await appAuth.lock().catch(() => undefined);
      setSent(await appAuth.sendUnlockCode());
      setResendAfter(undefined);
    });

  const startFace = async () => {
    // As for codes: a face check is only for a locked session, so make sure the server knows.
    await appAuth.lock().catch(() => undefined);
    return (await loadFaceCalls()).startUnlock();
  };
  const unlockWithFace = async (nonce: string, frames: Blob[]) => {
    await (await loadFaceCalls()).unlock(nonce, frames);
    await unlocked();
  };

  const who = () => profile();

  return (
    <AuthLayout
      title={t('app.lock.title')}
      lead={t(LEADS[shown()])}
      top={
        <div class="app-lock__who">
          <span class="app-lock__avatar" aria-hidden="true">
            {initials(who()?.displayName ?? '')}
            <span class="app-lock__badge">
              <Lock width="14" height="14" />
            </span>
          </span>
          <Show when={who()}>
            {(p) => (
              <span>
                <strong>{p().displayName}</strong>
                <span class="app-lock__user">{p().username}</span>
              </span>
            )}
          </Show>
        </div>
      }
    >
      <Switch>
        <Match when={shown() === 'password'}>
          <Show when={faceBlocked()}>
            <div class="alert alert--info" role="status">
              <Info /> <span>{t('app.face.unlockBlocked')}</span>
            </div>
          </Show>
          <PasswordUnlock
            busy={busy()}
            error={error()}
            username={who()?.username ?? ''}
            onSubmit={(password) => void unlockWith({ password })}
          />
        </Match>
        <Match when={factor() === 'email' && sent()}>
          {(current) => (
            <EmailCodeForm
              sent={current()}
              error={error()}
              busy={busy()}
              submitLabel={t('app.lock.unlock')}
              resendAfter={resendAfter()}
              onVerify={(code) => void unlockWith({ challengeId: current().challengeId, code })}
              onResend={() => void sendCode()}
            />
          )}
        </Match>
        <Match when={factor() === 'email'}>
          <LiveErrorAlert message={error()} />
          <button
            type="button"
            class="button button--primary button--block"
            disabled={busy() || !online()}
            onClick={() => void sendCode()}
          >
            <Show when={busy()} fallback={<Mail />}>
              <Spinner label={t('app.lock.sending')} />
            </Show>
            {t('app.lock.emailMe')}
            <Show when={who()?.email}>
              {(email) => (
                <span class="sr-only">{t('app.lock.emailMeTo', { email: email() })}</span>
              )}
            </Show>
          </button>
        </Match>
        <Match when={shown() === 'face'}>
          <Suspense fallback={<Spinner label={t('app.signIn.loadingFace')} />}>
            <AppFaceCheck
              startLabel={t('app.lock.unlockWithFace')}
              start={startFace}
              verify={unlockWithFace}
              onLocked={() => {
                setError(null);
                setFaceBlocked(true);
              }}
              describe={failed}
            />
          </Suspense>
        </Match>
      </Switch>
      <Show when={!online()}>
        <p class="app-hint">{t('app.lock.offline')}</p>
      </Show>
      <div class="app-lock__out">
        <span class="muted">{t('app.lock.notYou')}</span>
        <button type="button" class="link-button" onClick={() => void signOut()}>
          {t('auth.signOut')}
        </button>
      </div>
    </AuthLayout>
  );
}
