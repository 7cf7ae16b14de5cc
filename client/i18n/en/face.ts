import { FACE_REASON_TEXT, type FaceQualityReason } from '../../../schemas/face-rules';

/** The face screens: enrolment photo, the liveness check, the camera, and what to fix. */
export const face = {
  /** What to fix in a picture, by reason code: English reuses the checks' own words (one source). */
  reasons: { ...FACE_REASON_TEXT } satisfies Record<FaceQualityReason, string>,
  camera: {
    denied:
      'The camera is blocked for this site. Allow it in the browser’s site settings, then try again.',
    no_camera: 'No camera was found on this device.',
    busy: 'The camera is in use by another app. Close it, then try again.',
    insecure: 'The camera works only over a secure (https) connection.',
    failed: 'The camera could not be started.',
  },
  noCameraWayOut:
    'Face recognition needs the camera: if it cannot work on this phone, ask an administrator to let you sign in another way.',
  loadFailed: 'The face check could not be loaded. Check the connection and try again.',
  liveness: {
    straight: 'Look straight at the camera',
    left: 'Now turn your head slowly to your left',
    right: 'Now turn your head slowly to your right',
    done: 'Done',
    timeout: 'The face check took too long.',
    aborted: 'The face check was cancelled.',
    followInstructions: 'Follow the instructions in the picture.',
  },
  capture: {
    checkLabel: 'Face check',
    photoLabel: 'Face photo',
    preview: 'Camera preview',
    captured: 'Face captured',
    starting: 'Starting the camera…',
    startingLabel: 'Starting the camera',
    cameraOff: 'The camera is off.',
    progress: 'Face check progress',
    retry: 'Try again',
    cancel: 'Cancel',
    previewAlt: 'Your face, as it will be used for face sign-in',
    checking: 'Checking the photo…',
    checkingLabel: 'Checking the photo',
    prompt: 'A clear photo of your face, looking straight at the camera.',
    usable: 'This photo can be used.',
    unusable: 'This photo cannot be used:',
    capture: 'Capture',
    back: 'Back',
    use: 'Use this photo',
    saving: 'Saving',
    another: 'Choose another',
    take: 'Take photo',
    upload: 'Upload photo',
  },
};
