/**
 * The front camera for the face screens, with the ways it fails said in words. Every failure
 * leaves the screen usable: enrolment falls back to uploading a photo.
 */
export type CameraProblem = 'denied' | 'no_camera' | 'busy' | 'insecure' | 'failed';

export const CAMERA_PROBLEM_TEXT: Record<CameraProblem, string> = {
  denied:
    'The camera is blocked for this site. Allow it in the browser’s site settings, then try again.',
  no_camera: 'No camera was found on this device.',
  busy: 'The camera is in use by another app. Close it, then try again.',
  insecure: 'The camera works only over a secure (https) connection.',
  failed: 'The camera could not be started.',
};

export class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(CAMERA_PROBLEM_TEXT[problem]);
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
