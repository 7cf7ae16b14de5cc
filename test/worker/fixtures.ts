import { env, SELF } from 'cloudflare:test';
import { hc } from 'hono/client';
import * as schema from '../../db/schema';
import type { MfaConfig } from '../../schemas/mfa';
import type { AppType } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { createDb } from '../../worker/lib/db';
import { newId } from '../../worker/lib/encoding';
import { hashPassword } from '../../worker/lib/password';

export const ORIGIN = 'https://gatehouse.test';
export const PASSWORD = 'correct horse battery staple';

export const testDb = () => createDb((env as Bindings).LIBSQL_URL);

let passwordHash: Promise<string> | undefined;

/** A company under `parent` (or a new root), with its materialized path. */
export async function createCompany(name: string, parent?: { id: string; path: string }) {
  const id = newId('co');
  const path = `${parent?.path ?? '/'}${id}/`;
  const row = {
    id,
    name,
    parentId: parent?.id ?? null,
    path,
    depth: path.split('/').length - 3,
    createdAt: new Date(),
  };
  await testDb().insert(schema.companies).values(row);
  return row;
}

export interface UserOptions {
  company: { id: string };
  /** The user's scope; its own company when left out. */
  relatedCompany?: { id: string };
  parentUserId?: string;
  expiresAt?: Date | null;
  status?: 'active' | 'disabled';
  permissions?: string[];
  roles?: string[][];
  exclusive?: boolean;
  longTerm?: boolean;
  ttlMinutes?: number;
  email?: string;
  /** Sign-in factors; password everywhere when left out. */
  mfa?: Partial<MfaConfig>;
  appLockMinutes?: number;
}

/** A user (unique username) with direct grants and one role per entry of `roles`. */
export async function createUser(opts: UserOptions) {
  passwordHash ??= hashPassword(PASSWORD, 'test-pepper');
  const db = testDb();
  const id = newId('us');
  const username = `user_${id.slice(3, 11).toLowerCase()}`;
  const now = new Date();
  await db.insert(schema.users).values({
    id,
    username,
    usernameKey: username,
    displayName: `Test ${username}`,
    passwordHash: await passwordHash,
    companyId: opts.company.id,
    relatedCompanyId: opts.relatedCompany?.id ?? opts.company.id,
    parentUserId: opts.parentUserId ?? null,
    status: opts.status ?? 'active',
    expiresAt: opts.expiresAt ?? null,
    tokenExclusive: opts.exclusive ?? false,
    tokenLongTerm: opts.longTerm ?? false,
    tokenTtlMinutes: opts.ttlMinutes ?? 60,
    email: opts.email ?? null,
    mfaWebLogin: opts.mfa?.webLogin ?? 'password',
    mfaAppLogin: opts.mfa?.appLogin ?? 'password',
    mfaAppUnlock: opts.mfa?.appUnlock ?? 'password',
    appLockMinutes: opts.appLockMinutes ?? 5,
    createdAt: now,
    updatedAt: now,
  });
  for (const permission of opts.permissions ?? []) {
    await db.insert(schema.userPermissions).values({ userId: id, permission });
  }
  for (const grants of opts.roles ?? []) {
    const roleId = newId('ro');
    await db
      .insert(schema.roles)
      .values({ id: roleId, name: `role ${roleId}`, companyId: opts.company.id, createdAt: now });
    for (const permission of grants) {
      await db.insert(schema.rolePermissions).values({ roleId, permission });
    }
    await db.insert(schema.userRoles).values({ userId: id, roleId });
  }
  return { id, username };
}

export function api(path: string, init: RequestInit = {}) {
  return SELF.fetch(`${ORIGIN}/api/v1${path}`, init);
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
}

/** Logs in as an APP client and returns the bearer token. */
export async function appLogin(username: string, password = PASSWORD): Promise<string> {
  const res = await postJson('/auth/login', { username, password, client: 'app' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** Logs in as the WEB console and returns the `Cookie` header value. */
export async function webLogin(username: string, password = PASSWORD): Promise<string> {
  const res = await postJson('/auth/login', { username, password, client: 'web' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Opens `/live` with the given headers and collects the messages it receives. */
export async function openLive(headers: Record<string, string>, query = '') {
  const res = await api(`/live${query}`, { headers: { upgrade: 'websocket', ...headers } });
  const ws = res.webSocket;
  if (!ws) throw new Error(`no websocket: ${res.status} ${await res.text()}`);
  const messages: { type: string; reason?: string }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
  );
  ws.addEventListener('message', (e) => {
    messages.push(JSON.parse(String(e.data)));
  });
  ws.accept();
  return { ws, messages, closed };
}

/** Opens `/live` as a bearer client does: a single-use ticket first, then the upgrade. */
export async function openLiveWithTicket(token: string) {
  const res = await api('/live/ticket', { method: 'POST', headers: bearer(token) });
  return openLive({}, `?ticket=${((await res.json()) as { ticket: string }).ticket}`);
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 3000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The typed API client (`hc<AppType>`) over the Worker under test, signed in with `token`:
 * tests call routes the way the console does, with types checked by `tsc`.
 */
export function typedClient(token: string) {
  return hc<AppType>(ORIGIN, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init),
    headers: { ...bearer(token), origin: ORIGIN },
  }).api.v1;
}
