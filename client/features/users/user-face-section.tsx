import { createSignal, lazy, Show, Suspense } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import { FACE_REASON_TEXT, type FaceQualityReason } from '../../../schemas/face-rules';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { LiveErrorAlert } from '../../ui/error-alert';
import { formatDate } from '../../ui/format';
import { ScanFace } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import './user-face-section.css';

// The capture (and through it MediaPipe) loads only when the admin opens it.
const FaceEnrolCapture = lazy(() =>
  import('../face/face-enrol-capture').then((m) => ({ default: m.FaceEnrolCapture })),
);

/** The server's refusal in words: what to fix in the photo, or its own message. */
function enrolError(e: unknown): string {
  if (!(e instanceof ApiClientError)) return t('users.face.sendFailed');
  const reasons = e.details?.reasons;
  if (e.code === 'FACE_NOT_QUALIFIED' && Array.isArray(reasons) && reasons.length > 0) {
    return reasons
      .map((r) => (r in FACE_REASON_TEXT ? t(`face.reasons.${r as FaceQualityReason}`) : String(r)))
      .join(' ');
  }
  return errorText(e);
}

/**
 * "Face photo" of the user form ("Click to Add"): the account's enrolled face for APP login and
 * unlock. Enrolling checks the photo in the browser, then the server checks it again and keeps
 * only the template — and the photo itself if the admin ticks "Keep the photo".
 */
export function UserFaceSection(props: {
  userId: string | undefined;
  face: FaceEnrolment | undefined;
  /** The account signs in or unlocks with its face: removing it is refused. */
  inUse: boolean;
  editable: boolean;
  readOnlyReason?: string | undefined;
  onChanged: (face: FaceEnrolment) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [keepPhoto, setKeepPhoto] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [confirmRemove, setConfirmRemove] = createSignal(false);

  const enrol = async (jpeg: Blob) => {
    const id = props.userId;
    if (!id || busy()) return;
    const replacing = props.face?.enrolled === true;
    setBusy(true);
    setError(null);
    try {
      const image = new File([jpeg], 'face.jpg', { type: 'image/jpeg' });
      const { face } = await unwrap(
        api.users[':id'].face.$post({
          param: { id },
          form: keepPhoto() ? { image, keepPhoto: 'true' } : { image },
        }),
      );
      props.onChanged(face);
      toast(replacing ? t('users.face.replacedToast') : t('users.face.enrolledToast'));
    } catch (e) {
      // The server judged the photo unusable: the capture's own "can be used" no longer holds.
      setError(enrolError(e));
    } finally {
      // "Keep the photo" is a choice for one photo, never carried over to the next.
      setOpen(false);
      setKeepPhoto(false);
      setBusy(false);
    }
  };

  const remove = async () => {
    const id = props.userId;
    if (!id || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const { face } = await unwrap(api.users[':id'].face.$delete({ param: { id } }));
      props.onChanged(face);
      setConfirmRemove(false);
      toast(t('users.face.removedToast'));
    } catch (e) {
      setError(e instanceof ApiClientError ? errorText(e) : t('users.face.removeFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="face-section" aria-labelledby="face-title">
      <h3 class="form__section" id="face-title">
        {t('users.face.title')}
      </h3>
      <Show when={props.userId} fallback={<p class="muted small">{t('users.face.afterSave')}</p>}>
        <div class="face-section__status">
          <span class="face-section__icon" aria-hidden="true">
            <ScanFace />
          </span>
          <Show when={props.face?.enrolled} fallback={<span>{t('users.face.none')}</span>}>
            <span>
              {t('users.face.enrolled', {
                date: formatDate(props.face?.enrolledAt ?? null, true),
              })}
              {props.face?.hasPhoto ? t('users.face.photoKept') : t('users.face.photoNotKept')}
            </span>
          </Show>
        </div>
        <Show when={props.face?.enrolled && props.inUse && !open()}>
          <p class="muted small">{t('users.face.inUse')}</p>
        </Show>
        <Show when={!props.editable && props.readOnlyReason}>
          <p class="muted small">{props.readOnlyReason}</p>
        </Show>
        <Show when={props.editable}>
          <Show
            when={open()}
            fallback={
              <div class="inline face-section__actions">
                <button
                  type="button"
                  class="button"
                  disabled={busy()}
                  onClick={() => {
                    setError(null);
                    setOpen(true);
                  }}
                >
                  {props.face?.enrolled ? t('users.face.replace') : t('users.face.add')}
                </button>
                <Show when={props.face?.enrolled && !confirmRemove()}>
                  <button
                    type="button"
                    class="button button--ghost"
                    disabled={busy() || props.inUse}
                    onClick={() => setConfirmRemove(true)}
                  >
                    {t('users.face.remove')}
                  </button>
                </Show>
                <Show when={confirmRemove()}>
                  <div class="face-section__confirm">
                    <span>{t('users.face.removeQuestion')}</span>
                    <button
                      type="button"
                      class="button button--danger"
                      disabled={busy()}
                      onClick={remove}
                    >
                      {t('users.face.removeConfirm')}
                    </button>
                    <button
                      type="button"
                      class="button button--ghost"
                      disabled={busy()}
                      onClick={() => setConfirmRemove(false)}
                    >
                      {t('users.face.keep')}
                    </button>
                  </div>
                </Show>
              </div>
            }
          >
            <label class="check face-section__keep">
              <input
                type="checkbox"
                checked={keepPhoto()}
                onChange={(e) => setKeepPhoto(e.currentTarget.checked)}
              />{' '}
              {t('users.face.keepPhoto')}
            </label>
            <Suspense fallback={<Spinner label={t('users.face.loadingCamera')} />}>
              <FaceEnrolCapture
                onQualified={(jpeg) => void enrol(jpeg)}
                onCancel={() => setOpen(false)}
                busy={busy()}
                error={error()}
              />
            </Suspense>
          </Show>
          <Show when={!open()}>
            <LiveErrorAlert message={error()} />
          </Show>
        </Show>
      </Show>
    </section>
  );
}
