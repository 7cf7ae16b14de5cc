import { createSignal, onMount, Show } from 'solid-js';
import type { FaceNonce } from '../../../schemas/face';
import { t } from '../../i18n';
import { ApiClientError } from '../../lib/api';
import { LiveErrorAlert } from '../../ui/error-alert';
import { ScanFace } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { FaceLivenessCapture } from '../face/face-liveness-capture';
import { faceMismatchMessage } from './app-face-refusal';
import { online } from './app-online';
import './app-face.css';

type Stage =
  | { kind: 'starting' }
  | { kind: 'capturing'; nonce: FaceNonce }
  | { kind: 'verifying'; nonce: FaceNonce }
  | { kind: 'failed'; message: string };

/** A used or expired nonce is replaced quietly this many times in a row, then said. */
const QUIET_RESTARTS = 2;

/**
 * One face verification for APP login or unlock (lazy: MediaPipe and this screen load only
 * here). Asks the server for a nonce and the head turn, runs the browser's liveness challenge,
 * sends the frames bound to the nonce, and leaves the verdict to the server. A mismatch says why
 * and how many tries are left, and a retry asks for a new nonce; a used or expired nonce is
 * replaced without a word.
 */
export default function AppFaceCheck(props: {
  start: () => Promise<FaceNonce>;
  /** Sends the frames; resolving means the caller has moved on (signed in, unlocked). */
  verify: (nonce: string, frames: Blob[]) => Promise<void>;
  /** FACE_LOCKED: face is refused now; the caller offers another way in. */
  onLocked: () => void;
  /** Any other refusal: the words to show with a retry, or null when the caller took over. */
  describe: (error: unknown) => string | null;
  /** Starts at once (login, right after the password) or on a button (the lock screen). */
  autoStart?: boolean;
  startLabel?: string;
}) {
  const [stage, setStage] = createSignal<Stage | null>(null);
  let restarts = 0;

  const refused = (error: unknown, turn?: FaceNonce['turn']) => {
    if (error instanceof ApiClientError && error.code === 'FACE_LOCKED') {
      setStage(null);
      props.onLocked();
      return;
    }
    if (error instanceof ApiClientError && error.code === 'FACE_MISMATCH' && turn) {
      setStage({ kind: 'failed', message: faceMismatchMessage(error, turn) });
      return;
    }
    const message = props.describe(error);
    setStage(message === null ? null : { kind: 'failed', message });
  };

  const begin = async () => {
    setStage({ kind: 'starting' });
    try {
      setStage({ kind: 'capturing', nonce: await props.start() });
    } catch (error) {
      refused(error);
    }
  };

  const send = async (nonce: FaceNonce, frames: Blob[]) => {
    setStage({ kind: 'verifying', nonce });
    try {
      await props.verify(nonce.nonce, frames);
      restarts = 0;
    } catch (error) {
      // Used up or expired (the camera took long, or a second tab): ask for another.
      if (
        error instanceof ApiClientError &&
        error.code === 'FACE_NONCE_INVALID' &&
        restarts < QUIET_RESTARTS
      ) {
        restarts++;
        await begin();
        return;
      }
      restarts = 0;
      refused(error, nonce.turn);
    }
  };

  onMount(() => {
    if (props.autoStart) void begin();
  });

  const nonce = () => {
    const s = stage();
    return s?.kind === 'capturing' || s?.kind === 'verifying' ? s.nonce : undefined;
  };
  const failure = () => {
    const s = stage();
    return s?.kind === 'failed' ? s.message : null;
  };
  const idle = () => stage() === null || stage()?.kind === 'failed';

  return (
    <div class="app-face-check">
      {/* Keyed on the nonce: a new check gets a fresh camera and challenge. */}
      <Show
        when={nonce()}
        keyed
        fallback={
          <div class="face-capture__frame app-face-check__frame">
            <div class="face-capture__placeholder">
              <Show
                when={stage()?.kind === 'starting'}
                fallback={<ScanFace width={40} height={40} />}
              >
                <Spinner label={t('app.face.preparingLabel')} />
              </Show>
              <span>
                {stage()?.kind === 'starting'
                  ? t('app.face.preparing')
                  : t('app.face.lookThenTurn')}
              </span>
            </div>
          </div>
        }
      >
        {(current) => (
          <FaceLivenessCapture
            turn={current.turn}
            onFrames={(frames) => void send(current, frames)}
            // Turns the camera off; the button below starts a new check.
            onCancel={() => setStage(null)}
            cancelLabel={t('app.face.stopCamera')}
          />
        )}
      </Show>
      <Show when={stage()?.kind === 'verifying'}>
        <p class="app-face-check__status" role="status">
          <Spinner label={t('app.face.checkingLabel')} /> {t('app.face.checking')}
        </p>
      </Show>
      <LiveErrorAlert message={failure()} />
      <Show when={idle()}>
        <button
          type="button"
          class="button button--primary button--block"
          disabled={!online()}
          onClick={() => void begin()}
        >
          <ScanFace /> {failure() ? t('common.retry') : (props.startLabel ?? t('app.face.start'))}
        </button>
      </Show>
    </div>
  );
}
