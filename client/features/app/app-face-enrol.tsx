import { createSignal, Show } from 'solid-js';
import { enrolOwnFaceFormSchema } from '../../../schemas/face';
import { FACE_QUALITY_REASONS } from '../../../schemas/face-rules';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { ApiClientError } from '../../lib/api';
import { LiveErrorAlert } from '../../ui/error-alert';
import { createFormValidation } from '../../ui/form-validation';
import { PasswordField } from '../../ui/password-field';
import { Spinner } from '../../ui/spinner';
import { sentences } from '../auth/sentences';
import { FaceEnrolCapture } from '../face/face-enrol-capture';
import { appFace } from './app-face-calls';
import { online } from './app-online';
import { loadMe } from './app-session';
import './app-face.css';

/** A data: URL (the CSP's img-src allows it; blob: it does not). */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** The server's FACE_NOT_QUALIFIED reasons, in the words the browser's check uses. */
function notQualifiedMessage(error: ApiClientError): string {
  const reasons = Array.isArray(error.details?.reasons) ? error.details.reasons : [];
  const words = FACE_QUALITY_REASONS.filter((r) => reasons.includes(r)).map((r) =>
    t(`face.reasons.${r}`),
  );
  return words.length > 0 ? sentences(t('app.face.serverRefused'), ...words) : errorText(error);
}

/**
 * The profile's face enrolment ("Click to Add" / "Replace face"): a qualified photo (camera or
 * upload, checked in the browser), then the account's password — an unlocked phone in someone
 * else's hand must not replace its owner's face — then `POST /me/face`, where the server checks
 * the photo again and keeps only the template. Lazy: MediaPipe loads with this screen.
 */
export default function AppFaceEnrol(props: { onSaved: () => void; onCancel: () => void }) {
  const [photo, setPhoto] = createSignal<Blob | null>(null);
  const [preview, setPreview] = createSignal<string | null>(null);
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  let input: HTMLInputElement | undefined;
  // The password half of the API's own form schema (the photo is checked by the capture).
  const checks = createFormValidation(enrolOwnFaceFormSchema.pick({ password: true }), () => ({
    password: password(),
  }));

  const save = async () => {
    const jpeg = photo();
    if (!jpeg || busy()) return;
    if (!checks.submit()) {
      input?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await appFace.enrol(jpeg, password());
      props.onSaved();
    } catch (e) {
      if (e instanceof ApiClientError && e.code === 'FACE_NOT_QUALIFIED') {
        // Back to the photo, saying what to fix; the password stays typed.
        setPhoto(null);
        setError({ message: notQualifiedMessage(e) });
      } else if (e instanceof ApiClientError && e.field === 'password') {
        // Beside the field, until the password changes.
        checks.setServerError('password', errorText(e));
        input?.select();
      } else if (e instanceof ApiClientError) {
        setError({ message: errorText(e), field: e.field });
        // An administrator made face a factor meanwhile: the profile then says who replaces it.
        if (e.code === 'FACE_IN_USE') void loadMe();
      } else setError({ message: t('app.face.saveFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="app-face-enrol">
      <Show
        when={photo()}
        fallback={
          <FaceEnrolCapture
            error={error()?.message}
            onQualified={(jpeg) => {
              setError(null);
              setPhoto(jpeg);
              void dataUrl(jpeg).then(setPreview, () => setPreview(null));
            }}
            onCancel={props.onCancel}
          />
        }
      >
        <form
          novalidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div class="app-face-enrol__lead">
            <Show when={preview()}>
              {(src) => <img src={src()} alt={t('app.face.previewAlt')} />}
            </Show>
            <p>{t('app.face.usable')}</p>
          </div>
          <LiveErrorAlert message={error()?.message} />
          <PasswordField
            ref={(el) => {
              input = el;
              queueMicrotask(() => el.focus());
            }}
            value={password()}
            onInput={setPassword}
            onBlur={() => checks.touch('password')}
            error={checks.error('password')}
            enterkeyhint="done"
          />
          <div class="face-capture__actions">
            <button type="submit" class="button button--primary" disabled={busy() || !online()}>
              <Show when={busy()} fallback={t('app.face.save')}>
                <Spinner label={t('common.saving')} /> {t('common.saving')}
              </Show>
            </button>
            <button
              type="button"
              class="button"
              disabled={busy()}
              onClick={() => {
                setError(null);
                setPhoto(null);
              }}
            >
              {t('app.face.anotherPhoto')}
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}
