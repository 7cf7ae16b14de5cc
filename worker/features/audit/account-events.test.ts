import { describe, expect, it } from 'vitest';
import { asFile, faceImage, postForm } from '../../../test/worker/face-fixtures';
import {
  appLogin,
  bearer,
  createCompany,
  createUser,
  eventually,
  PASSWORD,
  postJson,
  webLogin,
} from '../../../test/worker/fixtures';
import {
  latestCode,
  startLogin,
  uniqueEmail,
  verifyCode,
  wrongCode,
} from '../../../test/worker/mfa-fixtures';
import { call, twoTrees } from '../../../test/worker/org-fixtures';

interface Entry {
  action: string;
  actorName: string | null;
  targetName: string | null;
  actorId: string;
  actorUsername: string;
  targetId: string;
  summary: string;
  after: Record<string, unknown> | null;
}

/** The audit entries about `userId` the holder of `token` reads, newest first. */
async function entriesAbout(token: string, userId: string, action?: string): Promise<Entry[]> {
  const filter = action ? `&action=${action}` : '';
  const res = await call(token, 'GET', `/audit?targetId=${userId}${filter}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.entries as Entry[];
}

/** Waits for an entry written after the answer (refused sign-ins are recorded off its path). */
async function eventualEntries(token: string, userId: string, action: string, count = 1) {
  let found: Entry[] = [];
  await eventually(async () => {
    found = await entriesAbout(token, userId, action);
    return found.length >= count;
  });
  return found;
}

describe('sign-in and credential events in the audit log', () => {
  it('records a WEB and an APP sign-in with the client and factor, the account as the actor', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    await webLogin(user.username);
    await appLogin(user.username);
    const entries = await entriesAbout(t.token, user.id, 'auth.sign_in');
    expect(entries.map((e) => e.after)).toEqual([
      { client: 'app', factor: 'password', ip: null },
      { client: 'web', factor: 'password', ip: null },
    ]);
    expect(entries[0]).toMatchObject({
      actorId: user.id,
      actorUsername: user.username,
      actorName: `Test ${user.username}`,
      targetName: user.username,
    });
  });

  it('names the target of an entry, also once it is deleted', async () => {
    const t = await twoTrees();
    const created = await call(t.token, 'POST', '/companies', {
      name: 'Short-lived',
      parentId: t.east.id,
    });
    await call(t.token, 'DELETE', `/companies/${created.body.id}`);
    const res = await call(t.token, 'GET', `/audit?targetId=${created.body.id}`);
    const names = (res.body.entries as { targetName: string }[]).map((e) => e.targetName);
    expect(names).toEqual(['Short-lived', 'Short-lived']);
  });

  it('never lends a reader the current name of what left its scope, nor of an actor above it', async () => {
    const t = await twoTrees();
    const created = await call(t.token, 'POST', '/companies', {
      name: 'Leaky',
      parentId: t.east.id,
    });
    await call(t.token, 'PATCH', `/companies/${created.body.id}`, { parentId: t.west.id });
    await call(t.token, 'PATCH', `/companies/${created.body.id}`, { name: 'West Secret' });
    const moved = await createUser({ company: t.east1 });
    const renamedTo = `gone.${moved.username}`;
    await call(t.token, 'PATCH', `/users/${moved.id}`, {
      companyId: t.west.id,
      relatedCompanyId: t.west.id,
    });
    await call(t.token, 'PATCH', `/users/${moved.id}`, { username: renamedTo });
    const eastManager = await createUser({ company: t.east, permissions: ['function.audit.view'] });
    const token = await appLogin(eastManager.username);

    const companyId = String(created.body.id);
    const companyEntries = await entriesAbout(token, companyId);
    expect(companyEntries.length).toBeGreaterThan(0);
    expect(companyEntries.map((e) => e.targetName)).not.toContain('West Secret');
    expect(companyEntries.every((e) => e.actorName === null)).toBe(true);
    const userEntries = await entriesAbout(token, moved.id);
    expect(userEntries.map((e) => e.targetName)).not.toContain(renamedTo);
    // The admin, inside its own scope, reads the names as they are now.
    const adminView = await entriesAbout(t.token, companyId);
    expect(adminView.map((e) => e.targetName)).toContain('West Secret');
  });

  it('keeps the events in the account’s company scope: an admin of another tree or a sibling branch reads none', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    await appLogin(user.username);
    await postJson('/auth/login', { username: user.username, password: 'wrong', client: 'app' });
    await eventualEntries(t.token, user.id, 'auth.sign_in_failed');
    expect(await entriesAbout(t.otherToken, user.id)).toEqual([]);
    const westManager = await createUser({
      company: t.west,
      permissions: ['function.audit.view'],
    });
    expect(await entriesAbout(await appLogin(westManager.username), user.id)).toEqual([]);
    const eastManager = await createUser({
      company: t.east,
      permissions: ['function.audit.view'],
    });
    const seen = await entriesAbout(await appLogin(eastManager.username), user.id);
    expect(seen.map((e) => e.action).sort()).toEqual(['auth.sign_in', 'auth.sign_in_failed']);
  });

  it('records a wrong password and a refused account by reason, never the password tried', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const tried = 'Wrong-Horse-Battery-9';
    const refused = await postJson('/auth/login', {
      username: user.username,
      password: tried,
      client: 'web',
    });
    expect(refused.status).toBe(401);
    const [entry] = await eventualEntries(t.token, user.id, 'auth.sign_in_failed');
    expect(entry?.after).toEqual({
      client: 'web',
      factor: 'password',
      reason: 'wrong_password',
      ip: null,
    });
    expect(JSON.stringify(entry)).not.toContain(tried);
    const disabled = await createUser({ company: t.east1, status: 'disabled' });
    await postJson('/auth/login', {
      username: disabled.username,
      password: PASSWORD,
      client: 'app',
    });
    const [refusal] = await eventualEntries(t.token, disabled.id, 'auth.sign_in_failed');
    expect(refusal?.after).toMatchObject({ reason: 'account_refused' });
    expect(JSON.stringify(refusal)).not.toContain(PASSWORD);
  });

  it('writes nothing for a name nobody has', async () => {
    const t = await twoTrees();
    const name = `nobody_${crypto.randomUUID().slice(0, 8)}`;
    const res = await postJson('/auth/login', { username: name, password: 'x', client: 'app' });
    expect(res.status).toBe(401);
    // A known name's refusal, sent after, is recorded: once it shows, the unknown one would too.
    const user = await createUser({ company: t.east1 });
    await postJson('/auth/login', { username: user.username, password: 'x', client: 'app' });
    await eventualEntries(t.token, user.id, 'auth.sign_in_failed');
    const search = await call(t.token, 'GET', `/audit?q=${name}`);
    expect(search.body.entries).toEqual([]);
  });

  it('records a wrong emailed code, then the sign-in the right one finishes, with factor email', async () => {
    const t = await twoTrees();
    const email = uniqueEmail();
    const user = await createUser({ company: t.east1, email, mfa: { webLogin: 'email' } });
    const started = await startLogin(user.username, 'web');
    const challengeId = String(started.body.challengeId);
    const code = await latestCode(email);
    const wrong = await verifyCode(challengeId, wrongCode(code));
    expect(wrong.status).toBe(401);
    const [failure] = await eventualEntries(t.token, user.id, 'auth.sign_in_failed');
    expect(failure?.after).toEqual({
      client: 'web',
      factor: 'email',
      reason: 'wrong_code',
      ip: null,
    });
    expect(JSON.stringify(failure)).not.toContain(wrongCode(code));
    expect((await verifyCode(challengeId, code)).status).toBe(200);
    const [signIn] = await entriesAbout(t.token, user.id, 'auth.sign_in');
    expect(signIn?.after).toMatchObject({ client: 'web', factor: 'email' });
  });

  it('records a refused face', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const enrolled = await postForm(
      `/users/${user.id}/face`,
      { image: asFile(faceImage('aStraight')) },
      bearer(t.token),
    );
    expect(enrolled.status).toBe(201);
    await call(t.token, 'PUT', `/users/${user.id}/mfa`, {
      webLogin: 'password',
      appLogin: 'face',
      appUnlock: 'password',
    });
    const login = await startLogin(user.username, 'app');
    const challengeId = String(login.body.challengeId);
    const start = await postJson('/auth/mfa/face/start', { challengeId });
    const { nonce } = (await start.json()) as { nonce: string };
    const refused = await postForm('/auth/mfa/face', {
      challengeId,
      nonce,
      frame: [asFile(faceImage('bStraight')), asFile(faceImage('bStraight'))],
    });
    expect(refused.status).toBe(401);
    const [entry] = await eventualEntries(t.token, user.id, 'auth.sign_in_failed');
    expect(entry?.after).toEqual({
      client: 'app',
      factor: 'face',
      reason: 'face_refused',
      ip: null,
    });
  });

  it('records a sign-out', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const token = await appLogin(user.username);
    expect((await call(token, 'POST', '/auth/logout')).status).toBe(200);
    const [entry] = await entriesAbout(t.token, user.id, 'auth.sign_out');
    expect(entry).toMatchObject({ actorId: user.id, after: { client: 'app' } });
  });

  it('records each refused APP unlock, and the one that ended the session, never the password tried', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const token = await appLogin(user.username);
    expect((await postJson('/auth/lock', {}, bearer(token))).status).toBe(200);
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postJson('/auth/unlock', { password: `Wrong-unlock-${i}` }, bearer(token));
      answers.push(res.status);
    }
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    const entries = await eventualEntries(t.token, user.id, 'auth.unlock_failed', 5);
    expect(entries.map((e) => e.after)).toEqual([
      { factor: 'password', ended: true },
      ...Array.from({ length: 4 }, () => ({ factor: 'password', ended: false })),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Wrong-unlock');
  });

  it('records an own password change and an admin reset as password changes', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1 });
    const token = await appLogin(user.username);
    const changed = await call(token, 'POST', '/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a much better passphrase 42',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const reset = await call(t.token, 'PATCH', `/users/${user.id}`, {
      password: 'an admin set passphrase 17',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    const entries = await entriesAbout(t.token, user.id, 'user.password');
    expect(entries.map((e) => [e.actorId, e.after])).toEqual([
      [t.admin.id, { by: 'admin' }],
      [user.id, { by: 'self' }],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/passphrase|\$pbkdf2|\$argon/);
  });

  it('records the sessions an exclusive sign-in ended, and an admin ending a session', async () => {
    const t = await twoTrees();
    const user = await createUser({ company: t.east1, exclusive: true });
    await appLogin(user.username);
    await appLogin(user.username);
    const [evicted] = await entriesAbout(t.token, user.id, 'session.evicted');
    expect(evicted).toMatchObject({ actorId: user.id, after: { client: 'app', sessions: 1 } });
    const ended = await call(t.token, 'DELETE', `/users/${user.id}/sessions`);
    expect(ended.status).toBe(200);
    expect(await entriesAbout(t.token, user.id, 'session.revoke')).toHaveLength(1);
  });

  it('records the events of a company created after the admin (its path is read at the insert)', async () => {
    const t = await twoTrees();
    const depot = await createCompany('Depot', t.east1);
    const user = await createUser({ company: depot });
    await appLogin(user.username);
    expect(await entriesAbout(t.token, user.id, 'auth.sign_in')).toHaveLength(1);
  });
});
