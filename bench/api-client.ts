import { range, summarize } from './stats';

/**
 * `DB_TRIPS_HEADER` of worker/middleware/database.ts; importing it would pull the Worker's
 * runtime types into the Node project.
 */
const DB_TRIPS_HEADER = 'x-gatehouse-db-trips';

/** One API call as a bench sees it. */
export interface TimedResponse {
  status: number;
  /** From sending the request to having read the whole body (ms). */
  ms: number;
  /** The Worker's own count of libSQL round trips (`x-gatehouse-db-trips`), if sent. */
  trips: number | null;
  /** The password hash time from `Server-Timing` (sign-in only), if sent. */
  hashMs: number | null;
  body: unknown;
}

export type Call = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => Promise<TimedResponse>;

function headerNumber(value: string | null, pattern = /^(\d+)$/): number | null {
  const match = value ? pattern.exec(value) : null;
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A client for `<baseUrl>/api/v1` that times each call and reads the round-trip header. */
export function apiClient(baseUrl: string): Call {
  return async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    return {
      status: res.status,
      ms,
      trips: headerNumber(res.headers.get(DB_TRIPS_HEADER)),
      hashMs: headerNumber(res.headers.get('server-timing'), /dur=([\d.]+)/),
      body: text ? JSON.parse(text) : null,
    };
  };
}

/** Throws unless the call answered `expected` (a bench must not time error answers). */
export function expectStatus(res: TimedResponse, expected: number, what: string): TimedResponse {
  if (res.status !== expected) {
    throw new Error(`${what}: ${res.status} (expected ${expected}) ${JSON.stringify(res.body)}`);
  }
  return res;
}

/**
 * Calls `fn` `warmup` times unmeasured, then `runs` times: median and p95 of the client-side
 * time, and the range of the round trips the Worker reported.
 */
export async function measureCalls(runs: number, fn: () => Promise<TimedResponse>, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const trips: number[] = [];
  for (let i = 0; i < runs; i++) {
    const res = await fn();
    samples.push(res.ms);
    if (res.trips !== null) trips.push(res.trips);
  }
  return { ...summarize(samples), trips: range(trips) };
}
