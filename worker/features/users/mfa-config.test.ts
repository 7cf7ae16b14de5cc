import { describe, expect, it } from 'vitest';
import {
  appLogin,
  createUser,
  eventually,
  openLiveWithTicket,
} from '../../../test/worker/fixtures';
import { uniqueEmail } from '../../../test/worker/mfa-fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

const EMAIL_EVERYWHERE = { webLogin: 'email', appLogin: 'email', appUnlock: 'email' };

describe('PUT /users/:id/mfa', () => {
  it('sets the factors, reads them back, audits the change and tells open screens', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1, email: uniqueEmail() });
    const live = await openLiveWithTicket(await appLogin(user.username));
    await eventually(() => live.messages.some((m) => m.type === 'hello'));
    const res = await call(t.token, 'PUT', `/users/${user.id}/mfa`, EMAIL_EVERYWHERE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mfa: EMAIL_EVERYWHERE });
    const read = await call(t.token, 'GET', `/users/${user.id}`);
    expect(read.body.mfa).toEqual(EMAIL_EVERYWHERE);
    const audit = await call(t.token, 'GET', `/audit?targetId=${user.id}`);
    const entries = audit.body.entries as { action: string }[];
    expect(entries.map((e) => e.action)).toContain('user.mfa');
    await eventually(() => live.messages.some((m) => m.type === 'mfa_changed'));
    live.ws.close();
  });

  it('refuses email codes for an account without an address, naming the factor', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const res = await call(t.token, 'PUT', `/users/${user.id}/mfa`, {
      webLogin: 'password',
      appLogin: 'email',
      appUnlock: 'password',
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'EMAIL_REQUIRED', field: 'appLogin' });
    expect((await call(t.token, 'GET', `/users/${user.id}`)).body.mfa).toEqual({
      webLogin: 'password',
      appLogin: 'password',
      appUnlock: 'password',
    });
  });

  it('refuses face recognition until a face is enrolled', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1, email: uniqueEmail() });
    for (const body of [
      { webLogin: 'password', appLogin: 'face', appUnlock: 'password' },
      { webLogin: 'password', appLogin: 'password', appUnlock: 'face' },
    ]) {
      const res = await call(t.token, 'PUT', `/users/${user.id}/mfa`, body);
      expect(res.status).toBe(422);
      expect(res.body.error?.code).toBe('FACE_NOT_ENROLLED');
    }
    // WEB login has no face option at all.
    const web = await call(t.token, 'PUT', `/users/${user.id}/mfa`, {
      webLogin: 'face',
      appLogin: 'password',
      appUnlock: 'password',
    });
    expect(web.status).toBe(400);
    expect(web.body.error?.field).toBe('webLogin');
  });

  it('an account that uses email codes keeps its address', async () => {
    const t = await twoTrees();
    const user = await createUser({
      company: t.east1,
      email: uniqueEmail(),
      mfa: { appUnlock: 'email' },
    });
    for (const email of ['', null]) {
      const res = await call(t.token, 'PATCH', `/users/${user.id}`, { email });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'EMAIL_REQUIRED', field: 'email' });
    }
    const changed = await call(t.token, 'PATCH', `/users/${user.id}`, {
      email: 'another@example.com',
    });
    expect(changed.status).toBe(200);
  });

  it('the user itself cannot change its own factors here (own changes go through /me)', async () => {
    const t = await twoTrees();
    const res = await call(t.token, 'PUT', `/users/${t.admin.id}/mfa`, {
      webLogin: 'password',
      appLogin: 'password',
      appUnlock: 'password',
    });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('ACCOUNT_NOT_BELOW');
  });
});
