import { createAsync, query, revalidate } from '@solidjs/router';
import { createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import type { SessionView } from '../../../schemas/sessions';
import { describeUserAgent } from '../../../schemas/user-agent';
import { ApiClientError, unwrap } from '../../lib/api';
import { ConfirmDialog } from '../../ui/dialog';
import { formatDate, initials } from '../../ui/format';
import { Check, Download, Lock, LogOut, Monitor, Phone, ScanFace } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { appApi } from './app-api';
import { canInstall, installApp } from './app-install';
import { loadMe, me, signOut } from './app-session';

const FACTOR_NAMES = { password: 'your password', email: 'an emailed code', face: 'your face' };

// Enrolment (its camera, MediaPipe and model) loads only when the user opens it.
const AppFaceEnrol = lazy(() => import('./app-face-enrol'));

const getOwnSessions = query(
  (userId: string): Promise<{ sessions: SessionView[] }> =>
    unwrap(appApi.users[':id'].sessions.$get({ param: { id: userId } })),
  'app-sessions',
);

/**
 * Profile: who is signed in, the lock rule, the own face for face sign-in, the account's own
 * live sessions, sign-out.
 */
export default function AppProfile() {
  const user = () => me()?.user;
  const [signingOut, setSigningOut] = createSignal(false);
  return (
    <div class="app-page">
      <Show when={user()}>
        {(u) => (
          <>
            <section class="app-card app-profile">
              <span class="app-profile__avatar" aria-hidden="true">
                {initials(u().displayName)}
              </span>
              <div class="app-profile__who">
                <h1>{u().displayName}</h1>
                <p class="muted">{u().username}</p>
              </div>
              <dl class="app-facts">
                <div>
                  <dt>Company</dt>
                  <dd>{u().companyName}</dd>
                </div>
                <Show when={u().email}>
                  <div>
                    <dt>Email</dt>
                    <dd>{u().email}</dd>
                  </div>
                </Show>
                <div>
                  <dt>Account expires</dt>
                  <dd>{formatDate(u().expiresAt)}</dd>
                </div>
              </dl>
            </section>
            <section class="app-card app-card--pad app-lock-rule">
              <Lock />
              <p>
                The APP locks after {u().appLockMinutes}{' '}
                {u().appLockMinutes === 1 ? 'minute' : 'minutes'} idle or in the background; unlock
                it with {FACTOR_NAMES[u().mfa.appUnlock]}.
              </p>
            </section>
            <FaceCard
              face={u().face}
              inUse={u().mfa.appLogin === 'face' || u().mfa.appUnlock === 'face'}
            />
            <Show when={canInstall()}>
              <button
                type="button"
                class="button button--primary button--block app-install"
                onClick={() => void installApp()}
              >
                <Download /> Install Gatehouse on this device
              </button>
            </Show>
            <OwnSessions userId={u().id} />
            <button
              type="button"
              class="button button--danger-ghost button--block app-signout"
              disabled={signingOut()}
              onClick={() => {
                setSigningOut(true);
                void signOut();
              }}
            >
              <LogOut /> {signingOut() ? 'Signing out…' : 'Sign out'}
            </button>
          </>
        )}
      </Show>
    </div>
  );
}

/**
 * Whether a face is enrolled, and the way to add or replace it. A face the account signs in or
 * unlocks with is replaced by an administrator only: whoever holds the unlocked phone must not
 * be able to put their own face in (the server refuses it too, FACE_IN_USE).
 */
function FaceCard(props: { face: FaceEnrolment; inUse: boolean }) {
  const [open, setOpen] = createSignal(false);
  return (
    <section class="app-card app-card--pad app-face-card" aria-label="Face">
      <div class="app-face-card__row">
        <span class="app-face-card__icon">
          <ScanFace />
        </span>
        <div class="app-face-card__text">
          <h2>Face</h2>
          <p class="muted">
            <Show
              when={props.face.enrolled}
              fallback="No face added. Once it is, an administrator can let you sign in or unlock the APP with it."
            >
              <Check width="14" height="14" /> Added {formatDate(props.face.enrolledAt)}.{' '}
              {props.inUse
                ? 'You sign in or unlock the APP with it.'
                : 'An administrator can let you sign in or unlock the APP with it.'}
            </Show>
          </p>
        </div>
      </div>
      <Show when={props.inUse}>
        <p class="muted">
          You sign in or unlock with your face: ask an administrator to replace it.
        </p>
      </Show>
      <Show
        when={!props.inUse && open()}
        fallback={
          <Show when={!props.inUse}>
            <button
              type="button"
              class="button button--block"
              classList={{ 'button--primary': !props.face.enrolled }}
              onClick={() => setOpen(true)}
            >
              {props.face.enrolled ? 'Replace face' : 'Click to Add'}
            </button>
          </Show>
        }
      >
        <Suspense
          fallback={
            <p class="muted">
              <Spinner /> Loading…
            </p>
          }
        >
          <AppFaceEnrol
            onCancel={() => setOpen(false)}
            onSaved={() => {
              setOpen(false);
              toast('Your face is saved.');
              void loadMe();
            }}
          />
        </Suspense>
      </Show>
    </section>
  );
}

function OwnSessions(props: { userId: string }) {
  const sessions = createAsync(() => getOwnSessions(props.userId));
  const [ending, setEnding] = createSignal<SessionView | null>(null);
  const [busy, setBusy] = createSignal(false);
  const sorted = () =>
    [...(sessions()?.sessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current));

  const end = async () => {
    const target = ending();
    if (!target) return;
    setBusy(true);
    try {
      await unwrap(appApi.sessions[':id'].$delete({ param: { id: target.id } }));
      toast('Session ended.');
      setEnding(null);
      await revalidate(getOwnSessions.key);
    } catch (e) {
      toast(e instanceof ApiClientError ? e.message : 'Could not end the session.', 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="app-card" aria-label="Your sessions">
      <h2 class="app-card__title">Your sessions</h2>
      <Show
        when={sessions()}
        fallback={
          <p class="app-card--pad muted">
            <Spinner /> Loading…
          </p>
        }
      >
        <ul class="app-list">
          <For each={sorted()}>
            {(s) => (
              <li class="app-list__row">
                <span class="app-list__icon">{s.client === 'app' ? <Phone /> : <Monitor />}</span>
                <span class="app-list__main">
                  <span>
                    {s.client === 'app' ? 'APP' : 'WEB'} · {describeUserAgent(s.userAgent)}
                  </span>
                  <span class="app-list__meta">
                    {s.current ? 'This device' : `Active ${formatDate(s.lastSeenAt, true)}`}
                  </span>
                </span>
                <Show when={!s.current} fallback={<span class="tag tag--current">Current</span>}>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={`End the ${s.client === 'app' ? 'APP' : 'WEB'} session on ${describeUserAgent(s.userAgent)}`}
                    onClick={() => setEnding(s)}
                  >
                    End
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ConfirmDialog
        open={ending() !== null}
        title="End this session?"
        confirmLabel="End session"
        danger
        busy={busy()}
        onConfirm={() => void end()}
        onClose={() => setEnding(null)}
      >
        <p>
          {ending()?.client === 'app' ? 'The APP' : 'The console'} on{' '}
          {describeUserAgent(ending()?.userAgent ?? null)} is signed out at once and told why.
        </p>
      </ConfirmDialog>
    </section>
  );
}
