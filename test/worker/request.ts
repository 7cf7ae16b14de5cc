import { SELF } from 'cloudflare:test';
import { hc } from 'hono/client';
import type { AppType } from '../../worker/app';
import type { RouteSpec } from '../../worker/routes/route';
import { api, bearer, ORIGIN } from './fixtures';
import type { SampleRequest } from './route-samples';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & {
    error?: { code: string; field?: string; details?: Record<string, unknown> };
  };
}

type Spec = Pick<RouteSpec, 'method' | 'path'>;

/** The path parameters of a concrete `path` for the route pattern `pattern` (`/users/:id`). */
function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/');
  const values = path.split('/');
  return Object.fromEntries(
    names.flatMap((n, i) => (n.startsWith(':') ? [[n.slice(1), values[i] ?? '']] : [])),
  );
}

/** A client method found by walking the route's path, as `client.users[':id'].$patch`. */
type Call = (
  args: { param?: object; query?: object; json?: unknown },
  options?: { headers?: Record<string, string> },
) => Promise<Response>;

function typedCall(spec: Spec, token: string | null): Call {
  const client = hc<AppType>(ORIGIN, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init),
    headers: { origin: ORIGIN, ...(token ? bearer(token) : {}) },
  }).api.v1 as unknown as Record<string, unknown>;
  let node: unknown = client;
  for (const segment of spec.path.split('/').filter(Boolean)) {
    node = (node as Record<string, unknown>)[segment];
  }
  return (node as Record<string, Call>)[`$${spec.method.toLowerCase()}`] as Call;
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, headers: res.headers, body };
}

/**
 * Sends a sample request for `spec` through the typed client (`hc<AppType>`), walked by the
 * route's path since the generated tests take routes as data. Malformed input that the typed
 * client cannot express (`rawBody`, another content type) and the WebSocket upgrade go raw.
 */
export async function send(
  spec: Spec,
  sample: SampleRequest,
  token: string | null,
  options: { headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Answer> {
  if (sample.form && options.rawBody === undefined && !options.headers?.['content-type']) {
    const form = new FormData();
    for (const [key, value] of Object.entries(sample.form)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
    }
    const res = await api(`${sample.path}${sample.query ?? ''}`, {
      method: spec.method,
      headers: { origin: ORIGIN, ...(token ? bearer(token) : {}), ...options.headers },
      body: form,
    });
    return answerOf(res);
  }
  const raw =
    options.rawBody !== undefined || options.headers?.['content-type'] || spec.path === '/live';
  if (!raw) {
    const query = Object.fromEntries(new URLSearchParams(sample.query ?? ''));
    const res = await typedCall(spec, token)(
      {
        param: paramsOf(spec.path, sample.path),
        query,
        ...(sample.body === undefined ? {} : { json: sample.body }),
      },
      { headers: options.headers ?? {} },
    );
    return answerOf(res);
  }
  const headers: Record<string, string> = {
    origin: ORIGIN,
    ...(token ? bearer(token) : {}),
    ...(sample.body !== undefined || options.rawBody !== undefined
      ? { 'content-type': 'application/json' }
      : {}),
    ...(spec.path === '/live' ? { upgrade: 'websocket' } : {}),
    ...options.headers,
  };
  const res = await api(`${sample.path}${sample.query ?? ''}`, {
    method: spec.method,
    headers,
    body: options.rawBody ?? (sample.body === undefined ? undefined : JSON.stringify(sample.body)),
  });
  const answer = await answerOf(res);
  res.webSocket?.accept();
  res.webSocket?.close();
  return answer;
}
