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

/**
 * Sends a sample request for `spec` with a bearer token: raw, because the generated tests
 * walk routes as data (and some send malformed input on purpose).
 */
export async function send(
  spec: Pick<RouteSpec, 'method' | 'path'>,
  sample: SampleRequest,
  token: string | null,
  options: { headers?: Record<string, string>; rawBody?: string } = {},
): Promise<Answer> {
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
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  res.webSocket?.accept();
  res.webSocket?.close();
  return { status: res.status, headers: res.headers, body };
}
