import { createAsync, query } from '@solidjs/router';
import { createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import type { SessionView } from '../../../schemas/sessions';
import { describeUserAgent } from '../../../schemas/user-agent';
import { t } from '../../i18n';
import { unwrap } from '../../lib/api';
import { createMutation } from '../../ui/action';
import { ConfirmDialog } from '../../ui/dialog';
import { formatDate, initials } from '../../ui/format';
import { Check, Download, Lock, LogOut, Monitor, Phone, ScanFace } from '../../ui/icons';
import { LanguagePicker } from '../../ui/language-picker';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import { sentences } from '../auth/sentences';
import { appApi } from './app-api';
import { canInstall, installApp } from './app-install';
import { loadMe, me, signOut } from './app-session';

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
                  <dt>{t('app.profile.company')}</dt>
                  <dd>{u().companyName}</dd>
                </div>
                <Show when={u().email}>
                  <div>
                    <dt>{t('app.profile.email')}</dt>
                    <dd>{u().email}</dd>
                  </div>
                </Show>
                <div>
                  <dt>{t('app.profile.expires')}</dt>
                  <dd>{formatDate(u().expiresAt)}</dd>
                </div>
              </dl>
            </section>
            <section class="app-card app-card--pad app-lock-rule">
              <Lock />
              <p>
                {t(
                  'app.profile.lockRule',
                  u().appLockMinutes,
                  t(`app.profile.unlockWith.${u().mfa.appUnlock}`),
                )}
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
                <Download /> {t('app.profile.install')}
              </button>
            </Show>
            <section class="app-card app-card--pad app-language">
              <span class="app-language__label" id="app-language-label">
                {t('app.profile.language')}
              </span>
              <LanguagePicker />
            </section>
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
              <LogOut /> {signingOut() ? t('app.profile.signingOut') : t('auth.signOut')}
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
    <section class="app-card app-card--pad app-face-card" aria-label={t('app.profile.face')}>
      <div class="app-face-card__row">
        <span class="app-face-card__icon">
          <ScanFace />
        </span>
        <div class="app-face-card__text">
          <h2>{t('app.profile.face')}</h2>
          <p class="muted">
            <Show when={props.face.enrolled} fallback={t('app.profile.noFace')}>
              <Check width="14" height="14" />{' '}
              {sentences(
                t('app.profile.faceAdded', { date: formatDate(props.face.enrolledAt) }),
                props.inUse ? t('app.profile.faceInUse') : t('app.profile.faceMayUse'),
              )}
            </Show>
          </p>
        </div>
      </div>
      <Show when={props.inUse}>
        <p class="muted">{t('app.profile.faceReplaceByAdmin')}</p>
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
              {props.face.enrolled ? t('app.profile.replaceFace') : t('app.profile.addFace')}
            </button>
          </Show>
        }
      >
        <Suspense
          fallback={
            <p class="muted">
              <Spinner label={t('common.loading')} /> {t('common.loading')}
            </p>
          }
        >
          <AppFaceEnrol
            onCancel={() => setOpen(false)}
            onSaved={() => {
              setOpen(false);
              toast(t('app.profile.faceSaved'));
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
  // A change: the router refetches the session list when it succeeds.
  const ending$ = createMutation(async (id: string) => {
    await unwrap(appApi.sessions[':id'].$delete({ param: { id } }));
  });
  const sorted = () =>
    [...(sessions()?.sessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current));

  const end = async () => {
    const target = ending();
    if (!target) return;
    await ending$.run(target.id);
    const failure = ending$.error();
    if (failure) {
      toast(failure.message, 'error');
      return;
    }
    toast(t('app.profile.ended'));
    setEnding(null);
  };
  const clientName = (s: SessionView | null) => (s?.client === 'app' ? 'APP' : 'WEB');

  return (
    <section class="app-card" aria-label={t('app.profile.sessions')}>
      <h2 class="app-card__title">{t('app.profile.sessions')}</h2>
      <Show
        when={sessions()}
        fallback={
          <p class="app-card--pad muted">
            <Spinner label={t('common.loading')} /> {t('common.loading')}
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
                    {clientName(s)} · {describeUserAgent(s.userAgent)}
                  </span>
                  <span class="app-list__meta">
                    {s.current
                      ? t('app.profile.thisDevice')
                      : t('app.profile.active', { when: formatDate(s.lastSeenAt, true) })}
                  </span>
                </span>
                <Show
                  when={!s.current}
                  fallback={<span class="tag tag--current">{t('app.profile.current')}</span>}
                >
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t('app.profile.endLabel', {
                      client: clientName(s),
                      device: describeUserAgent(s.userAgent),
                    })}
                    onClick={() => setEnding(s)}
                  >
                    {t('app.profile.end')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ConfirmDialog
        open={ending() !== null}
        title={t('app.profile.endTitle')}
        confirmLabel={t('app.profile.endConfirm')}
        danger
        busy={ending$.busy()}
        onConfirm={() => void end()}
        onClose={() => setEnding(null)}
      >
        <p>
          {t(ending()?.client === 'app' ? 'app.profile.endBodyApp' : 'app.profile.endBodyWeb', {
            device: describeUserAgent(ending()?.userAgent ?? null),
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
