/**
 * Exclusive login, measured end to end through the real Worker (wrangler dev) and the user's
 * Durable Object: how long after a new sign-in the old screen's socket hears `kicked`, and
 * what the sign-in costs besides the password hash (from the Server-Timing header).
 * Run with `npm run bench:kick` (Node 20 needs --experimental-websocket for a client socket).
 */
import { seedDemo } from '../db/seed';
import { BENCH_PEPPER, withBenchStack } from './bench-stack';
import { fmt, summarize } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const PASSWORD = 'bench-password-1';

await withBenchStack({
  name: 'kick',
  seed: (db) => seedDemo(db, PASSWORD, BENCH_PEPPER),
  run: async ({ url }) => {
    const api = (path: string, init: RequestInit = {}, token?: string) =>
      fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
    const login = async (username: string) => {
      const started = performance.now();
      const res = await api('/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username, password: PASSWORD, client: 'app' }),
      });
      const answered = performance.now();
      const body = (await res.json()) as { token: string; user: { id: string } };
      const hash = Number(
        /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN,
      );
      return { ...body, started, answered, total: answered - started, hash };
    };
    const admin = await login('admin');
    const target = await login('lucas.martin');
    await api(
      `/users/${target.user.id}/token-config`,
      {
        method: 'PUT',
        body: JSON.stringify({ longTerm: false, ttlMinutes: 60, exclusiveLogin: true }),
      },
      admin.token,
    );

    const afterResponse: number[] = [];
    const afterRequest: number[] = [];
    const totals: number[] = [];
    const hashes: number[] = [];
    const rest: number[] = [];
    let current = await login('lucas.martin');
    for (let i = 0; i < RUNS; i++) {
      const ticketRes = await api('/live/ticket', { method: 'POST' }, current.token);
      const { ticket } = (await ticketRes.json()) as { ticket: string };
      const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/live?ticket=${ticket}`);
      const kickedAt = new Promise<number>((resolve, reject) => {
        ws.addEventListener('message', (e) => {
          if (String(e.data).includes('"kicked"')) resolve(performance.now());
        });
        ws.addEventListener('error', () => reject(new Error('socket error')));
      });
      await new Promise((r) => ws.addEventListener('open', r, { once: true }));
      const next = await login('lucas.martin');
      const kicked = await kickedAt;
      afterResponse.push(kicked - next.answered);
      afterRequest.push(kicked - next.started);
      totals.push(next.total);
      hashes.push(next.hash);
      rest.push(next.total - next.hash);
      ws.close();
      current = next;
    }
    const show = (label: string, xs: number[]) => {
      const s = summarize(xs);
      console.log(
        `${label.padEnd(58)} median ${fmt(s.median).padStart(9)}  p95 ${fmt(s.p95).padStart(9)}`,
      );
    };
    console.log(`exclusive login, ${RUNS} runs, local wrangler dev + sqld`);
    show('kicked received − new login response received', afterResponse);
    show('kicked received − new login request sent', afterRequest);
    show('login, total (client-side)', totals);
    show('login, password hash (Server-Timing)', hashes);
    show('login without the password hash', rest);
  },
});
