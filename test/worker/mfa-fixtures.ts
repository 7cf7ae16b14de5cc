import { env, runInDurableObject, SELF } from 'cloudflare:test';
import type { SessionHub } from '../../worker/durable-objects/session-hub';
import type { Bindings } from '../../worker/env';
import { PASSWORD, postJson } from './fixtures';

/** A login answer, parsed, with the raw response's headers. */
export interface LoginReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & {
    challengeId?: string;
    token?: string;
    error?: { code: string; field?: string; details?: Record<string, unknown> };
  };
}

async function reply(res: Response): Promise<LoginReply> {
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** A unique address for one test's account, so its outbox holds only that test's mails. */
export const uniqueEmail = () => `user.${crypto.randomUUID().slice(0, 12)}@example.com`;

export const startLogin = async (username: string, client: 'web' | 'app', password = PASSWORD) =>
  reply(await postJson('/auth/login', { username, password, client }));

export const verifyCode = async (challengeId: string, code: string) =>
  reply(await postJson('/auth/mfa/verify', { challengeId, code }));

export const resendCode = async (challengeId: string) =>
  reply(await postJson('/auth/mfa/email', { challengeId }));

interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** Mails the dev outbox holds for `to`, newest first. */
export async function outbox(to: string): Promise<OutboxMessage[]> {
  // The dev tools answer only requests addressed to the loopback by name.
  const res = await SELF.fetch(`http://localhost/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
  if (res.status !== 200) throw new Error(`outbox answered ${res.status}`);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The code in the newest mail to `to` (the six digits of its text). */
export async function latestCode(to: string): Promise<string> {
  const [newest] = await outbox(to);
  const code = newest?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}

/** A code that is not `code` (for wrong tries that are surely wrong). */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Runs SQL in the user's hub: moving its clock-bound columns back in time, or reading them. */
export function inHub<T extends Record<string, SqlStorageValue>>(
  userId: string,
  query: string,
  ...bindings: SqlStorageValue[]
): Promise<T[]> {
  const bound = env as Bindings;
  const stub = bound.SESSION_HUB.get(bound.SESSION_HUB.idFromName(userId));
  return runInDurableObject(stub, (_hub: SessionHub, state) =>
    state.storage.sql.exec<T>(query, ...bindings).toArray(),
  );
}

/** The attempt's own part of a challenge id (the hub's row id). */
export const codeIdOf = (challengeId: string) => challengeId.split('.')[1] ?? '';
