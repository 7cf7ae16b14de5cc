import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import type { FaceQualityReason } from '../../../schemas/face-rules';
import { t } from '../../i18n';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Check, ScanFace } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { CameraError, closeCamera, openCamera } from './camera';
import { photoCanvas } from './face-photo';
import { loadFaceChecker } from './load-face-checker';
import './face-capture.css';

type Stage =
  | { kind: 'choose' }
  | { kind: 'camera' }
  | { kind: 'checking' }
  | { kind: 'result'; preview: string; jpeg: Blob; reasons: FaceQualityReason[] };

function dataUrl(blob: Blob): Promise<string> {
  // A data: URL, which the CSP's img-src already allows (blob: it does not).
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * Face enrolment ("Click to Add"): a photo from the camera or a file, checked in the browser
 * (one face, large enough, frontal, eyes open, lit, sharp). It says in words what to fix, or
 * offers the qualified photo — as the JPEG the server accepts — to `onQualified`. Only
 * presentational: the caller sends the photo and shows the server's answer (`error`).
 */
export function FaceEnrolCapture(props: {
  onQualified: (jpeg: Blob) => void;
  onCancel?: () => void;
  /** The caller is sending the photo. */
  busy?: boolean;
  /** The caller's error, e.g. the server's reasons in words. */
  error?: string | null;
}) {
  const [stage, setStage] = createSignal<Stage>({ kind: 'choose' });
  const [problem, setProblem] = createSignal<string | null>(null);
  let video: HTMLVideoElement | undefined;
  let fileInput: HTMLInputElement | undefined;
  let stream: MediaStream | null = null;

  const stopCamera = () => {
    closeCamera(stream, video);
    stream = null;
  };
  onCleanup(stopCamera);

  const check = async (source: Blob | HTMLCanvasElement) => {
    setStage({ kind: 'checking' });
    setProblem(null);
    try {
      const checker = await loadFaceChecker();
      const result = await checker.checkPhoto(source);
      if (!result.jpeg) {
        setStage({ kind: 'choose' });
        setProblem(t('face.reasons.unsupported_image'));
        return;
      }
      const preview = await dataUrl(result.jpeg);
      setStage({ kind: 'result', preview, jpeg: result.jpeg, reasons: result.reasons });
    } catch {
      setStage({ kind: 'choose' });
      setProblem(t('face.loadFailed'));
    }
  };

  const startCamera = async () => {
    setProblem(null);
    setStage({ kind: 'camera' });
    // Warm the checker while the camera starts: the photo is checked as soon as it is taken.
    void loadFaceChecker().catch(() => undefined);
    try {
      if (!video) throw new CameraError('failed');
      stream = await openCamera(video);
    } catch (e) {
      stopCamera();
      setStage({ kind: 'choose' });
      setProblem(e instanceof CameraError ? e.message : t('face.camera.failed'));
    }
  };

  const takePhoto = async () => {
    if (!video || !stream) return;
    const canvas = await photoCanvas(video);
    stopCamera();
    await check(canvas);
  };

  const onFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void check(file);
  };

  const again = () => {
    setProblem(null);
    setStage({ kind: 'choose' });
  };

  const current = () => stage();
  const result = () => {
    const s = current();
    return s.kind === 'result' ? s : null;
  };

  return (
    <section class="face-capture" aria-label={t('face.capture.photoLabel')}>
      <div class="face-capture__frame">
        <video
          ref={video}
          aria-label={t('face.capture.preview')}
          hidden={current().kind !== 'camera'}
          muted
          playsinline
        />
        <Switch>
          <Match when={current().kind === 'camera'}>
            <span class="face-capture__oval" aria-hidden="true" />
          </Match>
          <Match when={result()}>
            {(r) => <img src={r().preview} alt={t('face.capture.previewAlt')} />}
          </Match>
          <Match when={current().kind === 'checking'}>
            <div class="face-capture__placeholder">
              <Spinner label={t('face.capture.checkingLabel')} />
              <span>{t('face.capture.checking')}</span>
            </div>
          </Match>
          <Match when={current().kind === 'choose'}>
            <div class="face-capture__placeholder">
              <ScanFace width={40} height={40} />
              <span>{t('face.capture.prompt')}</span>
            </div>
          </Match>
        </Switch>
      </div>

      <LiveErrorAlert message={problem() ?? props.error} />

      <Show when={result()}>
        {(r) => (
          <div aria-live="polite">
            <Show
              when={r().reasons.length > 0}
              fallback={
                <p class="face-capture__ok">
                  <Check /> {t('face.capture.usable')}
                </p>
              }
            >
              <p>
                <strong>{t('face.capture.unusable')}</strong>
              </p>
              <ul class="face-capture__fixes">
                <For each={r().reasons}>{(reason) => <li>{t(`face.reasons.${reason}`)}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>

      <input
        ref={fileInput}
        type="file"
        accept="image/jpeg,image/png"
        // Opened by the "Upload photo" button, which says what it does.
        hidden
        onChange={onFile}
      />
      <div class="face-capture__actions">
        <Switch>
          <Match when={current().kind === 'camera'}>
            <button type="button" class="button button--primary" onClick={takePhoto}>
              {t('face.capture.capture')}
            </button>
            <button
              type="button"
              class="button"
              onClick={() => {
                stopCamera();
                again();
              }}
            >
              {t('face.capture.back')}
            </button>
          </Match>
          <Match when={result()?.reasons.length === 0}>
            <button
              type="button"
              class="button button--primary"
              disabled={props.busy}
              onClick={() => {
                const r = result();
                if (r) props.onQualified(r.jpeg);
              }}
            >
              <Show when={props.busy}>
                <Spinner label={t('face.capture.saving')} />
              </Show>
              {t('face.capture.use')}
            </button>
            <button type="button" class="button" disabled={props.busy} onClick={again}>
              {t('face.capture.another')}
            </button>
          </Match>
          <Match when={current().kind !== 'checking'}>
            <button type="button" class="button button--primary" onClick={startCamera}>
              {t('face.capture.take')}
            </button>
            <button type="button" class="button" onClick={() => fileInput?.click()}>
              {t('face.capture.upload')}
            </button>
          </Match>
        </Switch>
        <Show when={props.onCancel}>
          <button type="button" class="button button--ghost" onClick={() => props.onCancel?.()}>
            {t('face.capture.cancel')}
          </button>
        </Show>
      </div>
    </section>
  );
}
