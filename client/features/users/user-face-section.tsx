import { createSignal, lazy, Show, Suspense } from 'solid-js';
import type { FaceEnrolment } from '../../../schemas/face';
import { FACE_REASON_TEXT, type FaceQualityReason } from '../../../schemas/face-rules';
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
  if (!(e instanceof ApiClientError)) return 'The photo could not be sent. Try again.';
  const reasons = e.details?.reasons;
  if (e.code === 'FACE_NOT_QUALIFIED' && Array.isArray(reasons) && reasons.length > 0) {
    return reasons.map((r) => FACE_REASON_TEXT[r as FaceQualityReason] ?? String(r)).join(' ');
  }
  return e.message;
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
      toast(replacing ? 'Face replaced.' : 'Face enrolled.');
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
      toast('Face removed.');
    } catch (e) {
      setError(e instanceof ApiClientError ? e.message : 'The face could not be removed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="face-section" aria-labelledby="face-title">
      <h3 class="form__section" id="face-title">
        Face photo
      </h3>
      <Show
        when={props.userId}
        fallback={<p class="muted small">Add a qualified face photo once the account is saved.</p>}
      >
        <div class="face-section__status">
          <span class="face-section__icon" aria-hidden="true">
            <ScanFace />
          </span>
          <Show
            when={props.face?.enrolled}
            fallback={<span>No face enrolled. Face recognition needs one.</span>}
          >
            <span>
              Face enrolled {formatDate(props.face?.enrolledAt ?? null, true)}
              {props.face?.hasPhoto ? ' · photo kept' : ' · photo not kept'}
            </span>
          </Show>
        </div>
        <Show when={props.face?.enrolled && props.inUse && !open()}>
          <p class="muted small">
            The account signs in or unlocks the APP with its face: choose another factor above and
            save before removing it.
          </p>
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
                  {props.face?.enrolled ? 'Replace face' : 'Click to Add'}
                </button>
                <Show when={props.face?.enrolled && !confirmRemove()}>
                  <button
                    type="button"
                    class="button button--ghost"
                    disabled={busy() || props.inUse}
                    onClick={() => setConfirmRemove(true)}
                  >
                    Remove face
                  </button>
                </Show>
                <Show when={confirmRemove()}>
                  <div class="face-section__confirm">
                    <span>Remove the enrolled face now? This cannot be undone.</span>
                    <button
                      type="button"
                      class="button button--danger"
                      disabled={busy()}
                      onClick={remove}
                    >
                      Remove
                    </button>
                    <button
                      type="button"
                      class="button button--ghost"
                      disabled={busy()}
                      onClick={() => setConfirmRemove(false)}
                    >
                      Keep it
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
              Keep the photo (otherwise only the face template is stored)
            </label>
            <Suspense fallback={<Spinner label="Loading the camera tools" />}>
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
