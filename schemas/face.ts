import { z } from 'zod';
import { FACE_RULES, FACE_TURNS } from './face-rules';
import { PASSWORD_MAX_LENGTH } from './password-rule';

export * from './face-rules';

const isoString = z.string().describe('ISO-8601 date and time');

/**
 * An account's face enrolment as the screens see it. The template (an embedding, encrypted at
 * rest) never leaves the server; the photo is kept only when the admin chose to.
 */
export const faceEnrolmentSchema = z.object({
  enrolled: z.boolean(),
  enrolledAt: isoString.nullable(),
  /** The enrolment photo was kept beside the template (no route shows it yet). */
  hasPhoto: z.boolean(),
});
export type FaceEnrolment = z.infer<typeof faceEnrolmentSchema>;

/**
 * `POST /users/:id/face` and `POST /me/face` take multipart form data:
 *   image     the photo (JPEG or PNG, FACE_RULES limits)
 *   keepPhoto "true" to keep the photo beside the template (admins only; default: not kept)
 *   password  `POST /me/face` only: the account's own password, so an unlocked phone in someone
 *             else's hand cannot replace its owner's face
 * Both answer 201 { face } or 422 FACE_NOT_QUALIFIED with details.reasons (FaceQualityReason[]).
 */
/** A photo or camera frame as the Worker takes it; its content is checked by the verifier. */
const imageFile = z
  .instanceof(File, { message: 'Attach the photo as a file.' })
  .refine((f) => f.size > 0, 'The file is empty.')
  .refine(
    (f) => f.size <= FACE_RULES.maxImageBytes,
    `A photo may be at most ${FACE_RULES.maxImageBytes / 1024 / 1024} MB.`,
  );

const challengeIdSchema = z
  .string()
  .regex(/^us_[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/, 'Not a challenge id.');

const faceNonceValueSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'Not a face check nonce.');

/** The frames of one verification, straight first. */
const framesSchema = z.preprocess(
  (v) => (v === undefined || Array.isArray(v) ? v : [v]),
  z
    .array(imageFile)
    .min(FACE_RULES.minFrames, `Send at least ${FACE_RULES.minFrames} frames.`)
    .max(FACE_RULES.maxFrames, `Send at most ${FACE_RULES.maxFrames} frames.`),
);

export const enrolFaceFormSchema = z.strictObject({
  image: imageFile,
  keepPhoto: z.enum(['true', 'false']).optional(),
});

export const enrolOwnFaceFormSchema = z.strictObject({
  image: imageFile,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
});

export const faceLoginFormSchema = z.strictObject({
  challengeId: challengeIdSchema,
  nonce: faceNonceValueSchema,
  frame: framesSchema,
});

export const faceUnlockFormSchema = z.strictObject({
  nonce: faceNonceValueSchema,
  frame: framesSchema,
});

export const faceResultSchema = z.object({ face: faceEnrolmentSchema });

/**
 * A face verification starts with a single-use server nonce and the head turn to perform:
 *   `POST /auth/mfa/face/start` { challengeId }  (APP login after the password)
 *   `POST /auth/unlock/face/start`               (a locked APP session, by its bearer token)
 * then `POST /auth/mfa/face` or `POST /auth/unlock/face` with multipart `nonce`, `challengeId`
 * (login only) and FACE_RULES.minFrames..maxFrames `frame` files: the first looking straight at
 * the camera, the later ones turned as asked. The Worker finds the face in every frame itself.
 */
export const faceNonceSchema = z.object({
  nonce: z.string(),
  turn: z.enum(FACE_TURNS),
  expiresAt: isoString,
});
export type FaceNonce = z.infer<typeof faceNonceSchema>;

export const faceStartSchema = z.strictObject({ challengeId: challengeIdSchema });

/** The login answer when the face is due after the password. */
export const faceRequiredSchema = z.object({
  status: z.literal('mfa_required'),
  method: z.literal('face'),
  challengeId: z.string(),
  expiresAt: isoString,
});
export type FaceRequired = z.infer<typeof faceRequiredSchema>;
