import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { FaceQualityReason, FaceTurn } from '../../../schemas/face-rules';
import { t } from '../../i18n';
import { LiveErrorAlert } from '../../ui/error-alert';
import { Check } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { sentences } from '../auth/sentences';
import { CameraError, closeCamera, openCamera } from './camera';
import { LivenessError, livenessText, runLiveness } from './liveness';
import { loadFaceChecker } from './load-face-checker';
import './face-capture.css';

type Stage = 'starting' | 'running' | 'done' | 'failed';

/**
 * Face sign-in or unlock: the camera (mirrored, as people expect of a front camera), the
 * instruction ("Look straight at the camera", then turn the head to the side the server's
 * nonce asked), progress, and what keeps the picture from counting. Calls `onFrames` with the
 * straight frame then the turned one (JPEGs, not mirrored); the caller sends them with the
 * nonce. Errors offer a retry and, when given, a way out (`onCancel`: another factor).
 */
export function FaceLivenessCapture(props: {
  turn: FaceTurn;
  onFrames: (frames: Blob[]) => void;
  onCancel?: () => void;
  /** Label of the way out, e.g. "Use my password instead". */
  cancelLabel?: string;
  timeoutMs?: number;
}) {
  const [stage, setStage] = createSignal<Stage>('starting');
  const [instruction, setInstruction] = createSignal<string>(livenessText('straight', props.turn));
  const [hints, setHints] = createSignal<FaceQualityReason[]>([]);
  const [progress, setProgress] = createSignal(0);
  const [error, setError] = createSignal<string | null>(null);
  let video: HTMLVideoElement | undefined;
  let stream: MediaStream | null = null;
  let abort: AbortController | null = null;

  const stop = () => {
    abort?.abort();
    abort = null;
    closeCamera(stream, video);
    stream = null;
  };
  onCleanup(stop);

  const start = async () => {
    stop();
    setError(null);
    setHints([]);
    setProgress(0);
    setInstruction(livenessText('straight', props.turn));
    setStage('starting');
    const controller = new AbortController();
    abort = controller;
    try {
      if (!video) throw new CameraError('failed');
      const [checker, opened] = await Promise.all([loadFaceChecker(), openCamera(video)]);
      stream = opened;
      if (controller.signal.aborted) return;
      setStage('running');
      const { frames } = await runLiveness(video, checker, {
        turn: props.turn,
        signal: controller.signal,
        timeoutMs: props.timeoutMs,
        onProgress: (p) => {
          setInstruction(p.text);
          setHints(p.reasons);
          setProgress(p.progress);
        },
      });
      closeCamera(stream, video);
      stream = null;
      setStage('done');
      props.onFrames(frames);
    } catch (e) {
      if (controller.signal.aborted) return;
      closeCamera(stream, video);
      stream = null;
      setStage('failed');
      // Without a camera there is no face check at all: say who can change that.
      if (e instanceof CameraError) setError(sentences(e.message, t('face.noCameraWayOut')));
      else if (e instanceof LivenessError) {
        const why = e.reasons[0];
        setError(
          sentences(
            e.message,
            why && why !== 'turned'
              ? t(`face.reasons.${why}`)
              : t('face.liveness.followInstructions'),
          ),
        );
      } else setError(t('face.loadFailed'));
    }
  };

  onMount(() => void start());

  return (
    <section class="face-capture" aria-label={t('face.capture.checkLabel')}>
      <p class="face-capture__instruction" aria-live="polite">
        <Show when={stage() !== 'done'} fallback={t('face.capture.captured')}>
          {instruction()}
        </Show>
      </p>
      <div class="face-capture__frame">
        <video
          ref={video}
          aria-label={t('face.capture.preview')}
          hidden={stage() !== 'running'}
          muted
          playsinline
        />
        <Show when={stage() === 'running'}>
          <span
            class="face-capture__oval"
            classList={{ 'face-capture__oval--ok': hints().length === 0 }}
            aria-hidden="true"
          />
        </Show>
        <Show when={stage() === 'starting'}>
          <div class="face-capture__placeholder">
            <Spinner label={t('face.capture.startingLabel')} />
            <span>{t('face.capture.starting')}</span>
          </div>
        </Show>
        <Show when={stage() === 'done'}>
          <div class="face-capture__placeholder">
            <Check width={40} height={40} />
            <span>{t('face.capture.captured')}</span>
          </div>
        </Show>
        <Show when={stage() === 'failed'}>
          <div class="face-capture__placeholder">
            <span>{t('face.capture.cameraOff')}</span>
          </div>
        </Show>
      </div>
      <div
        class="face-capture__progress"
        role="progressbar"
        aria-label={t('face.capture.progress')}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow={Math.round(progress() * 100)}
      >
        <span style={{ width: `${Math.round(progress() * 100)}%` }} />
      </div>
      <Show when={stage() === 'running' && hints().length > 0}>
        <ul class="face-capture__fixes muted" aria-live="polite">
          <For each={hints()}>{(reason) => <li>{t(`face.reasons.${reason}`)}</li>}</For>
        </ul>
      </Show>
      <LiveErrorAlert message={error()} />
      <div class="face-capture__actions">
        <Show when={stage() === 'failed'}>
          <button type="button" class="button button--primary" onClick={() => void start()}>
            {t('face.capture.retry')}
          </button>
        </Show>
        <Show when={props.onCancel && stage() !== 'done'}>
          <button
            type="button"
            class="button"
            onClick={() => {
              stop();
              props.onCancel?.();
            }}
          >
            {props.cancelLabel ?? t('face.capture.cancel')}
          </button>
        </Show>
      </div>
    </section>
  );
}
