/**
 * Face login and unlock through the real API (wrangler dev running the API and, beside it, the
 * face verifier Worker behind its service binding): how long `POST /auth/mfa/face` and
 * `POST /auth/unlock/face` take with two 640×480 camera frames (straight, then turned), warm,
 * timed from Node on loopback. The verifier's own per-image time is `npm run bench:face`.
 *
 *   npm run bench:face-login   → bench/results/face-login-bench.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { seedDemo } from '../db/seed';
import { frameJpeg, sceneFrame } from '../test/lib/fake-camera';
import { BENCH_PEPPER, withBenchStack } from './bench-stack';
import { gitCommit } from './git-commit';
import { summarize } from './stats';

const OUT = resolve(import.meta.dirname, 'results/face-login-bench.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PASSWORD = 'bench-password-1';
const FACES = resolve(import.meta.dirname, '../test/fixtures/faces');

/** Person A as a camera sees them: straight, turned to his own right, and to his left. */
const frame = (image: string, mirror = false) =>
  new Blob(
    [
      Uint8Array.from(
        frameJpeg(sceneFrame({ image: `${FACES}/${image}`, seconds: 1, mirror, scale: 0.5 })),
      ),
    ],
    {
      type: 'image/jpeg',
    },
  );
const STRAIGHT = frame('stuart1.png');
const TURNED = { right: frame('stuart5.png'), left: frame('stuart5.png', true) };

const r1 = (x: number) => Math.round(x * 10) / 10;
const stat = (xs: number[]) => {
  const s = summarize(xs);
  return { n: s.n, median: r1(s.median), p95: r1(s.p95), max: r1(Math.max(...xs)) };
};

await withBenchStack({
  name: 'face-login',
  seed: (db) => seedDemo(db, PASSWORD, BENCH_PEPPER),
  run: async ({ url }) => {
    const call = async (path: string, init: RequestInit = {}, token?: string) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: {
          ...(init.headers ?? {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const json = (body: unknown): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const form = (fields: [string, string | Blob][]): RequestInit => {
      const data = new FormData();
      for (const [k, v] of fields) data.append(k, v);
      return { method: 'POST', body: data };
    };
    const admin = await call(
      '/auth/login',
      json({ username: 'admin', password: PASSWORD, client: 'app' }),
    );
    const adminToken = String(admin.token);
    const tree = (await call('/companies/tree', {}, adminToken)) as {
      roots: { id: string; children: unknown[] }[];
    };
    // lucas.martin: find him through the companies' user lists.
    const companies: string[] = [];
    const walk = (nodes: { id: string; children: unknown[] }[]) => {
      for (const n of nodes) {
        companies.push(n.id);
        walk(n.children as { id: string; children: unknown[] }[]);
      }
    };
    walk(tree.roots);
    let userId = '';
    for (const id of companies) {
      const page = (await call(`/companies/${id}/users`, {}, adminToken)) as {
        users: { id: string; username: string }[];
      };
      userId = page.users.find((u) => u.username === 'lucas.martin')?.id ?? userId;
    }
    await call(`/users/${userId}/face`, form([['image', STRAIGHT]]), adminToken);
    await call(
      `/users/${userId}/mfa`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ webLogin: 'password', appLogin: 'face', appUnlock: 'face' }),
      },
      adminToken,
    );

    const login: number[] = [];
    const unlock: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const started = (await call(
        '/auth/login',
        json({ username: 'lucas.martin', password: PASSWORD, client: 'app' }),
      )) as { challengeId: string };
      const check = (await call(
        '/auth/mfa/face/start',
        json({ challengeId: started.challengeId }),
      )) as {
        nonce: string;
        turn: 'left' | 'right';
      };
      const t0 = performance.now();
      const opened = await call(
        '/auth/mfa/face',
        form([
          ['challengeId', started.challengeId],
          ['nonce', check.nonce],
          ['frame', STRAIGHT],
          ['frame', TURNED[check.turn]],
        ]),
      );
      const t1 = performance.now();
      const token = String(opened.token);
      await call('/auth/lock', { method: 'POST' }, token);
      const again = (await call('/auth/unlock/face/start', { method: 'POST' }, token)) as {
        nonce: string;
        turn: 'left' | 'right';
      };
      const t2 = performance.now();
      await call(
        '/auth/unlock/face',
        form([
          ['nonce', again.nonce],
          ['frame', STRAIGHT],
          ['frame', TURNED[again.turn]],
        ]),
        token,
      );
      const t3 = performance.now();
      await call('/auth/logout', { method: 'POST' }, token);
      // The first two warm the verifier (model load) and the isolates.
      if (i >= 2) {
        login.push(t1 - t0);
        unlock.push(t3 - t2);
      }
    }
    const result = {
      commit: gitCommit(),
      date: new Date().toISOString(),
      runtime: 'wrangler dev (local workerd): API + face verifier over a service binding',
      machine: 'shared 2-core VM; other jobs may be running',
      frames: '2 × 640×480 JPEG (straight, turned), person A of test/fixtures/faces',
      runs: RUNS,
      faceLoginMs: stat(login),
      faceUnlockMs: stat(unlock),
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  },
});
