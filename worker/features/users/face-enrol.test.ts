import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { faceTemplates } from '../../../db/schema';
import { asFile, faceImage, postForm } from '../../../test/worker/face-fixtures';
import {
  appLogin,
  bearer,
  createUser,
  PASSWORD,
  testDb,
  webLogin,
} from '../../../test/worker/fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';
import { fromBase64Url } from '../../lib/encoding';

const FACE_LOGIN = { webLogin: 'password', appLogin: 'face', appUnlock: 'password' };

describe('POST /users/:id/face', () => {
  it('enrols a qualified photo, keeps the photo only when asked, and audits it', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const res = await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.face).toMatchObject({ enrolled: true, hasPhoto: false });
    const read = await call(t.token, 'GET', `/users/${user.id}`);
    expect(read.body.face).toMatchObject({ enrolled: true, hasPhoto: false });
    const [row] = await testDb()
      .select()
      .from(faceTemplates)
      .where(eq(faceTemplates.userId, user.id));
    expect(row?.photo).toBeNull();
    // Encrypted: 12-byte IV + 1024 float32s + 16-byte tag, and no run of plain floats in it.
    expect(fromBase64Url(row?.template ?? '').byteLength).toBe(12 + 4096 + 16);
    const kept = await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')), keepPhoto: 'true' },
      bearer(t.token),
    );
    expect(kept.body.face).toMatchObject({ enrolled: true, hasPhoto: true });
    const [keptRow] = await testDb()
      .select()
      .from(faceTemplates)
      .where(eq(faceTemplates.userId, user.id));
    const photo = faceImage('aStraight');
    const keptPhoto = fromBase64Url(keptRow?.photo ?? '');
    expect(keptPhoto.byteLength).toBe(12 + photo.byteLength + 16);
    // Not the photo's bytes: its JPEG signature is not at the start of the ciphertext.
    expect([...keptPhoto.subarray(12, 14)]).not.toEqual([0xff, 0xd8]);
    const audit = await call(t.token, 'GET', `/audit?targetId=${user.id}`);
    const actions = (audit.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'user.face')).toHaveLength(2);
  });

  it('says what to fix and stores nothing: no face, several faces, turned, not an image', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const cases: [string, File, string][] = [
      ['blank', asFile(faceImage('blank')), 'no_face'],
      ['two faces', asFile(faceImage('twoFaces')), 'several_faces'],
      // Held to the browser's standard, not only the verifier's looser one for frames.
      ['a turned face', asFile(faceImage('aTurnedRight')), 'turned'],
      ['text', new File(['not a picture'], 'a.jpg', { type: 'image/jpeg' }), 'unsupported_image'],
    ];
    for (const [what, image, reason] of cases) {
      const res = await postForm(`/users/${user.id}/face`, { image }, bearer(t.token));
      expect(res.status, what).toBe(422);
      expect(res.body.error, what).toMatchObject({ code: 'FACE_NOT_QUALIFIED', field: 'image' });
      expect(res.body.error?.details?.reasons, what).toContain(reason);
    }
    expect((await call(t.token, 'GET', `/users/${user.id}`)).body.face).toMatchObject({
      enrolled: false,
    });
  });

  it('refuses bad forms with a 4xx naming the field', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const noImage = await postForm(
      `/users/${user.id}/face`,
      { keepPhoto: 'true' },
      bearer(t.token),
    );
    expect(noImage.status).toBe(400);
    expect(noImage.body.error?.field).toBe('image');
    const textImage = await postForm(`/users/${user.id}/face`, { image: 'abc' }, bearer(t.token));
    expect(textImage.status).toBe(400);
    const surrogate = await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')), keepPhoto: '\ud800' },
      bearer(t.token),
    );
    expect(surrogate.status).toBe(400);
  });

  it('allows face as a factor once enrolled, and keeps the face while a factor uses it', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    expect((await call(t.token, 'PUT', `/users/${user.id}/mfa`, FACE_LOGIN)).status).toBe(422);
    await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    expect((await call(t.token, 'PUT', `/users/${user.id}/mfa`, FACE_LOGIN)).status).toBe(200);
    const inUse = await call(t.token, 'DELETE', `/users/${user.id}/face`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error?.code).toBe('FACE_IN_USE');
    await call(t.token, 'PUT', `/users/${user.id}/mfa`, { ...FACE_LOGIN, appLogin: 'password' });
    const removed = await call(t.token, 'DELETE', `/users/${user.id}/face`);
    expect(removed.status).toBe(200);
    expect(removed.body.face).toMatchObject({ enrolled: false });
  });

  it('needs “Configure sign-in factors” to replace a face an account signs in with', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    await call(t.token, 'PUT', `/users/${user.id}/mfa`, FACE_LOGIN);
    const editor = await createUser({
      company: t.east,
      permissions: ['function.users.view', 'function.users.edit'],
    });
    const editorToken = await appLogin(editor.username);
    const res = await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('bStraight')) },
      bearer(editorToken),
    );
    expect(res.status).toBe(403);
    expect(res.body.error?.details?.permission).toBe('function.mfa.configure');
  });
});

describe('POST /me/face', () => {
  it('is for the APP, and not once a factor uses the face: the password alone must not replace it', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const web = await webLogin(user.username);
    const fromWeb = await postForm(
      '/me/face',
      { image: asFile(faceImage('aStraight')), password: PASSWORD },
      { cookie: web },
    );
    expect(fromWeb.status).toBe(409);
    expect(fromWeb.body.error?.code).toBe('NOT_APP_SESSION');
    // An APP session opened with the password, before the account signed in with its face.
    const token = await appLogin(user.username);
    await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    await call(t.token, 'PUT', `/users/${user.id}/mfa`, FACE_LOGIN);
    const swap = await postForm(
      '/me/face',
      { image: asFile(faceImage('bStraight')), password: PASSWORD },
      bearer(token),
    );
    expect(swap.status).toBe(409);
    expect(swap.body.error?.code).toBe('FACE_IN_USE');
  });

  it('enrols the own face with the password, never keeping the photo', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const token = await appLogin(user.username);
    const wrong = await postForm(
      '/me/face',
      { image: asFile(faceImage('aStraight')), password: 'not the password' },
      bearer(token),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.field).toBe('password');
    const ok = await postForm(
      '/me/face',
      { image: asFile(faceImage('aStraight')), password: PASSWORD },
      bearer(token),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const me = await call(token, 'GET', '/me');
    expect((me.body.user as { face: unknown }).face).toMatchObject({
      enrolled: true,
      hasPhoto: false,
    });
  });
});
