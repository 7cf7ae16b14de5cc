import { inject } from 'vitest';
import { api, ORIGIN } from './fixtures';

export type FaceImageName =
  | 'aStraight'
  | 'aTurnedRight'
  | 'aTurnedLeft'
  | 'bStraight'
  | 'twoFaces'
  | 'blank';

/** A face picture made by the global setup from test/fixtures/faces. */
export function faceImage(name: FaceImageName): Uint8Array<ArrayBuffer> {
  const b64 = inject('faceImages')[name];
  if (!b64) throw new Error(`no face image ${name}`);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export const asFile = (bytes: Uint8Array<ArrayBuffer>, name = 'photo.jpg') =>
  new File([bytes], name, { type: 'image/jpeg' });

/** Posts multipart form data. */
export async function postForm(
  path: string,
  fields: Record<string, string | File | (string | File)[]>,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  const res = await api(path, {
    method: 'POST',
    headers: { origin: ORIGIN, ...headers },
    body: form,
  });
  const text = await res.text();
  let body: Record<string, unknown> & {
    error?: { code: string; field?: string; details?: Record<string, unknown> };
  };
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, body };
}

/** The frames of a head turn by person A: straight, then turned as asked. */
export function aTurning(turn: string): File[] {
  return [
    asFile(faceImage('aStraight'), 'f0.jpg'),
    asFile(faceImage(turn === 'left' ? 'aTurnedLeft' : 'aTurnedRight'), 'f1.jpg'),
  ];
}
