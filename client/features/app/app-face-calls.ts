import type { FaceNonce } from '../../../schemas/face';
import { unwrap } from '../../lib/api';
import { appApi } from './app-api';

/** The frames as the files the multipart routes take, straight first. */
const frameFiles = (frames: readonly Blob[]) =>
  frames.map((f, i) => new File([f], `frame-${i + 1}.jpg`, { type: f.type || 'image/jpeg' }));

/**
 * The APP's face calls (login, unlock, own enrolment). Only the lazy face screens import this:
 * the APP's entry chunk stays free of them. Multipart bodies go through the same bearer fetch
 * (`appApi`) as everything else, so 423 / 401 SESSION_ENDED reach the session store as usual.
 */
export const appFace = {
  startLogin: (challengeId: string): Promise<FaceNonce> =>
    unwrap(appApi.auth.mfa.face.start.$post({ json: { challengeId } })),
  verifyLogin: (challengeId: string, nonce: string, frames: readonly Blob[]) =>
    unwrap(appApi.auth.mfa.face.$post({ form: { challengeId, nonce, frame: frameFiles(frames) } })),
  startUnlock: (): Promise<FaceNonce> => unwrap(appApi.auth.unlock.face.start.$post()),
  unlock: (nonce: string, frames: readonly Blob[]) =>
    unwrap(appApi.auth.unlock.face.$post({ form: { nonce, frame: frameFiles(frames) } })),
  enrol: (photo: Blob, password: string) =>
    unwrap(
      appApi.me.face.$post({
        form: {
          image: new File([photo], 'face.jpg', { type: photo.type || 'image/jpeg' }),
          password,
        },
      }),
    ),
};
