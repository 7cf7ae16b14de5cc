/**
 * Organisation at scale: 10 011 companies, 100 001 users. Seeds a throwaway sqld, starts the
 * real Worker under wrangler dev, and times the console's reads through HTTP (median, p95, and
 * the round trips to libSQL each made). `/me` and a user page are held to p95 ≤ 10 ms.
 * The peer: the same subtree read by a recursive CTE over parent_id instead of the
 * materialized path, straight on sqld.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { seedScale } from '../scripts/lib/scale-seed';
import { apiClient, expectStatus, measureCalls, type TimedResponse } from './api-client';
import { BENCH_PEPPER, withBenchStack } from './bench-stack';
import { gitCommit } from './git-commit';
import { fmt, fmtRange, measure } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PASSWORD = 'bench-password';

/** The scale goal for the reads every screen makes, with no added database delay. */
const READ_P95_TARGET_MS = 10;

await withBenchStack({
  name: 'org',
  seed: async (db) => {
    const t0 = performance.now();
    const data = await seedScale(db, PASSWORD, BENCH_PEPPER);
    console.log(
      `seeded ${data.companies} companies, ${data.users} users in ${fmt(performance.now() - t0)}`,
    );
    return data;
  },
  run: async ({ url, db, seeded: data }) => {
    const call = apiClient(url);
    const login = await call('POST', '/auth/login', {
      username: data.adminUsername,
      password: PASSWORD,
      client: 'app',
    });
    const { token } = expectStatus(login, 200, 'login').body as { token: string };
    const get = async (path: string, method = 'GET', body?: unknown) => {
      const res = await call(method, path, body, token);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    const firstPage = (await get(`/companies/${data.sampleBranchId}/users?limit=50`)).body as {
      nextCursor: string | null;
    };
    const first = await get('/companies/tree');
    const treeBytes = JSON.stringify(first.body).length;
    console.log(
      `tree (two levels): ${(treeBytes / 1024).toFixed(0)} KiB JSON, first call ${fmt(first.ms)}`,
    );

    // [label, call, held to the read target?]
    const cases: [string, () => Promise<TimedResponse>, boolean][] = [
      ['GET /me (auth + permissions)', () => get('/me'), true],
      ['GET /companies/tree (two levels, 1 011 nodes)', () => get('/companies/tree'), false],
      [
        'GET /companies/tree?depth=50 (all 10 011 nodes)',
        () => get('/companies/tree?depth=50'),
        false,
      ],
      [
        'GET /companies/:id/children (a branch’s fleets)',
        () => get(`/companies/${data.sampleBranchId}/children`),
        false,
      ],
      [
        'GET /companies/tree?q=Fleet 7-42 (search)',
        () => get('/companies/tree?q=Fleet%207-42'),
        false,
      ],
      [
        'GET /companies/tree?q=user099 (user search)',
        () => get('/companies/tree?q=user099'),
        false,
      ],
      [
        'GET /companies/:id/users?limit=50',
        () => get(`/companies/${data.sampleBranchId}/users?limit=50`),
        false,
      ],
      [
        'GET /companies/:id/users?cursor=… (page 2)',
        () =>
          get(
            `/companies/${data.sampleBranchId}/users?limit=5&cursor=${firstPage.nextCursor ?? ''}`,
          ),
        false,
      ],
      ['GET /users/:id (a user page)', () => get(`/users/${data.sampleUserId}`), true],
      [
        'PUT /users/:id/expiry?dryRun=1 (branch + fleets)',
        () =>
          get(`/users/${data.sampleUserId}/expiry?dryRun=1`, 'PUT', {
            expiresAt: '2030-01-01T00:00:00Z',
            applyToCompany: true,
            includeSubsidiaries: true,
          }),
        false,
      ],
      ['GET /roles', () => get('/roles'), false],
    ];
    const results: Record<
      string,
      Awaited<ReturnType<typeof measureCalls>> & { p95TargetMs?: number; met?: boolean }
    > = {};
    const commit = gitCommit();
    console.log(`\n${RUNS} runs per route, no added database delay; commit ${commit}`);
    console.log(
      `${'route'.padEnd(52)} ${'trips'.padStart(5)}  ${'median'.padStart(9)}  ${'p95'.padStart(9)}  target (p95, no added delay)`,
    );
    for (const [name, fn, heldToTarget] of cases) {
      const r = await measureCalls(RUNS, fn);
      const target = heldToTarget
        ? { p95TargetMs: READ_P95_TARGET_MS, met: r.p95 <= READ_P95_TARGET_MS }
        : {};
      results[name] = { ...r, ...target };
      const verdict = heldToTarget
        ? `≤ ${READ_P95_TARGET_MS} ms ${target.met ? 'met' : 'MISSED'}`
        : '';
      console.log(
        `${name.padEnd(52)} ${fmtRange(r.trips).padStart(5)}  ${fmt(r.median).padStart(9)}  ${fmt(r.p95).padStart(9)}  ${verdict}`,
      );
    }

    // Peer: a subtree read by materialized-path range vs a recursive CTE over parent_id.
    const region = await db.get<{ id: string; path: string }>(
      sql`SELECT id, path FROM companies WHERE depth = 1 ORDER BY name LIMIT 1`,
    );
    if (!region) throw new Error('no region');
    const peer: Record<string, { byPath: unknown; byCte: unknown }> = {};
    for (const [label, id, path] of [
      ['a region (1 001 companies)', region.id, region.path],
      ['the root (10 011 companies)', data.rootId, `/${data.rootId}/`],
    ] as const) {
      const byPath = await measure(RUNS, () =>
        db.all(sql`SELECT id FROM companies WHERE path >= ${path} AND path < ${`${path}~`}`),
      );
      const byCte = await measure(RUNS, () =>
        db.all(sql`WITH RECURSIVE sub(id) AS (SELECT ${id} UNION ALL
        SELECT c.id FROM companies c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`),
      );
      peer[label] = { byPath, byCte };
      console.log(
        `subtree of ${label}: path range median ${fmt(byPath.median)} p95 ${fmt(byPath.p95)}; ` +
          `recursive CTE median ${fmt(byCte.median)} p95 ${fmt(byCte.p95)}; CTE/path ${(byCte.median / byPath.median).toFixed(2)}`,
      );
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync(
      'test-results/bench-org.json',
      JSON.stringify({ commit, runs: RUNS, dataset: data, treeBytes, results, peer }, null, 2),
    );
  },
});
