import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  api,
  appLogin,
  bearer,
  createCompany,
  createUser,
  ORIGIN,
  PASSWORD,
  postJson,
  webLogin,
} from '../../../test/worker/fixtures';
import type { SessionHub } from '../../durable-objects/session-hub';
import { routedIdAuthentic } from '../../lib/routed-ids';
import { parseToken } from './session-token';

describe('POST /auth/login', () => {
  it('sets a __Host- HttpOnly Secure SameSite=Strict cookie for the WEB and no token in the body', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const res = await postJson('/auth/login', { username: user.username, password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(body).not.toHaveProperty('token');
    expect(body.user).toMatchObject({
      id: user.id,
      username: user.username,
      companyId: company.id,
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-gh_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('gives the APP a bearer token that works on /me, with expiresAt from the token rules', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company, ttlMinutes: 30 });
    const res = await postJson('/auth/login', {
      username: user.username,
      password: PASSWORD,
      client: 'app',
    });
    const body = (await res.json()) as { token: string; expiresAt: string };
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
    const me = await api('/me', { headers: bearer(body.token) });
    expect(me.status).toBe(200);
  });

  it('answers expiresAt null for a long-term token', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company, longTerm: true });
    const res = await postJson('/auth/login', {
      username: user.username,
      password: PASSWORD,
      client: 'app',
    });
    expect(((await res.json()) as { expiresAt: unknown }).expiresAt).toBeNull();
  });

  it('treats usernames case-insensitively', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username.toUpperCase());
    expect(parseToken(token)?.userId).toBe(user.id);
  });

  it('gives the same answer for unknown user, wrong password, expired, disabled and under an expired parent', async () => {
    const company = await createCompany('Acme');
    const ok = await createUser({ company });
    const expired = await createUser({ company, expiresAt: new Date(Date.now() - 1000) });
    const disabled = await createUser({ company, status: 'disabled' });
    const expiredParent = await createUser({ company, expiresAt: new Date(Date.now() - 1000) });
    const child = await createUser({ company, parentUserId: expiredParent.id });
    const disabledParent = await createUser({ company, status: 'disabled' });
    const grandParent = await createUser({ company, parentUserId: disabledParent.id });
    const grandChild = await createUser({ company, parentUserId: grandParent.id });
    const attempts = [
      { username: 'nobody_here', password: PASSWORD },
      { username: ok.username, password: 'wrong password' },
      { username: expired.username, password: PASSWORD },
      { username: disabled.username, password: PASSWORD },
      { username: child.username, password: PASSWORD },
      { username: grandChild.username, password: PASSWORD },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const res = await postJson('/auth/login', { ...attempt, client: 'app' });
      const body = (await res.json()) as { error: { code: string; message: string } };
      answers.push({ status: res.status, code: body.error.code, message: body.error.message });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('names the field at fault for bad input and writes nothing', async () => {
    const res = await postJson('/auth/login', { username: 'x', password: '', client: 'web' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    const badClient = await postJson('/auth/login', { username: 'x', password: 'y', client: 'tv' });
    expect(((await badClient.json()) as { error: { field: string } }).error.field).toBe('client');
  });

  it('answers MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await api('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });

  it('refuses a WEB login posted from another site', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const res = await postJson(
      '/auth/login',
      { username: user.username, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('session tokens', () => {
  it('name a session id the server made: one the hub holds without its MAC opens nothing', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const parsed = parseToken(token);
    if (!parsed) throw new Error('unparsable token');
    expect(await routedIdAuthentic('test-pepper', 'session', user.id, parsed.sessionId)).toBe(true);
    // The same secret under a session id whose MAC is wrong, planted in the hub itself.
    const planted = `${parsed.sessionId.slice(0, 8)}${parsed.sessionId.slice(8) === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'}`;
    const stub = env.SESSION_HUB.get(env.SESSION_HUB.idFromName(user.id));
    await runInDurableObject(stub, (_hub: SessionHub, state) => {
      state.storage.sql.exec(
        `INSERT INTO sessions (id, secret_hash, client, user_agent, ip, created_at, last_seen_at,
          expires_at, locked, last_active_at, lock_after_ms, unlock_failures)
         SELECT ?, secret_hash, client, user_agent, ip, created_at, last_seen_at, expires_at,
          locked, last_active_at, lock_after_ms, unlock_failures FROM sessions WHERE id = ?`,
        planted,
        parsed.sessionId,
      );
    });
    expect((await api('/me', { headers: bearer(token) })).status).toBe(200);
    const forged = `${user.id}.${planted}.${parsed.secret}`;
    expect((await api('/me', { headers: bearer(forged) })).status).toBe(401);
    // A tampered live ticket opens nothing either.
    const ticket = await api('/live/ticket', { method: 'POST', headers: bearer(token) });
    const { ticket: real } = (await ticket.json()) as { ticket: string };
    const tampered = `${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`;
    const res = await api(`/live?ticket=${tampered}`, { headers: { upgrade: 'websocket' } });
    expect(res.status).toBe(401);
  });

  it('carry at least 128 random bits and only a hash of the secret is stored', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const parsed = parseToken(token);
    expect(parsed).not.toBeNull();
    if (!parsed) return;
    expect(parsed.secret.length * 6).toBeGreaterThanOrEqual(128);
    const stub = env.SESSION_HUB.get(env.SESSION_HUB.idFromName(user.id));
    const stored = await runInDurableObject(stub, (_hub: SessionHub, state) =>
      state.storage.sql.exec<{ secret_hash: string }>('SELECT secret_hash FROM sessions').toArray(),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.secret_hash).not.toContain(parsed.secret);
    expect(JSON.stringify(stored)).not.toContain(parsed.secret);
  });

  it('refuses a token whose secret was altered', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const res = await api('/me', { headers: bearer(token.slice(0, -1) + last) });
    expect(res.status).toBe(401);
  });

  it('refuses a token of one user presented with another user id', async () => {
    const company = await createCompany('Acme');
    const a = await createUser({ company });
    const b = await createUser({ company });
    const token = await appLogin(a.username);
    const forged = token.replace(a.id, b.id);
    const res = await api('/me', { headers: bearer(forged) });
    expect(res.status).toBe(401);
  });
});

describe('POST /auth/logout', () => {
  it('ends the session: the next request with the same token is refused', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const token = await appLogin(user.username);
    const out = await api('/auth/logout', { method: 'POST', headers: bearer(token) });
    expect(out.status).toBe(200);
    const again = await api('/me', { headers: bearer(token) });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('SESSION_ENDED');
  });

  it('refuses a cookie-borne logout without our Origin (CSRF) and keeps the session', async () => {
    const company = await createCompany('Acme');
    const user = await createUser({ company });
    const cookie = await webLogin(user.username);
    const foreign = await api('/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const missing = await api('/auth/logout', { method: 'POST', headers: { cookie } });
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'CSRF_REJECTED',
    );
    expect((await api('/me', { headers: { cookie } })).status).toBe(200);
    const ours = await api('/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(ours.status).toBe(200);
    expect((await api('/me', { headers: { cookie } })).status).toBe(401);
  });
});
