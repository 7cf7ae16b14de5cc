import { t } from '../../i18n';

/**
 * The front camera for the face screens, with the ways it fails said in words. Every failure
 * leaves the screen usable: enrolment falls back to uploading a photo.
 */
export type CameraProblem = 'denied' | 'no_camera' | 'busy' | 'insecure' | 'failed';

/** The problem in the reader's language (the catalog words it by its code). */
export const cameraProblemText = (problem: CameraProblem) => t(`face.camera.${problem}`);

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(cameraProblemText(problem));
  }
}

function problemOf(e: unknown): CameraProblem {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no_camera';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/** Starts the front camera into `video` and resolves once frames have a size. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!window.isSecureContext) throw new CameraError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('no_camera');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (e) {
    throw new CameraError(problemOf(e));
  }
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    await video.play();
    if (!video.videoWidth) {
      await new Promise<void>((resolve) =>
        video.addEventListener('loadedmetadata', () => resolve(), { once: true }),
      );
    }
  } catch {
    closeCamera(stream, video);
    throw new CameraError('failed');
  }
  return stream;
}

export function closeCamera(stream: MediaStream | null | undefined, video?: HTMLVideoElement) {
  for (const track of stream?.getTracks() ?? []) track.stop();
  if (video) video.srcObject = null;
}
