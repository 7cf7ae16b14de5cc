/**
 * Organisation at scale: 10 011 companies, 100 001 users. Seeds a throwaway sqld, starts the
 * real Worker under wrangler dev, and times the console's reads through HTTP (median, p95).
 * The peer: the same subtree read by a recursive CTE over parent_id instead of the
 * materialized path, straight on sqld.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { seedScale } from '../scripts/lib/scale-seed';
import { BENCH_PEPPER, withBenchStack } from './bench-stack';
import { fmt, measure } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PASSWORD = 'bench-password';

await withBenchStack(
  async (db) => {
    const t0 = performance.now();
    const data = await seedScale(db, PASSWORD, BENCH_PEPPER);
    console.log(
      `seeded ${data.companies} companies, ${data.users} users in ${fmt(performance.now() - t0)}`,
    );
    return data;
  },
  async ({ url, db, seeded: data }) => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: data.adminUsername, password: PASSWORD, client: 'app' }),
    });
    const { token } = (await login.json()) as { token: string };
    const get = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const firstPage = (await get(`/companies/${data.sampleBranchId}/users?limit=50`)) as {
      nextCursor: string | null;
    };
    const t0 = performance.now();
    const tree = await get('/companies/tree');
    const treeBytes = JSON.stringify(tree).length;
    console.log(
      `tree (two levels): ${(treeBytes / 1024).toFixed(0)} KiB JSON, first call ${fmt(performance.now() - t0)}`,
    );

    const cases: [string, () => Promise<unknown>][] = [
      ['GET /me (auth + permissions)', () => get('/me')],
      ['GET /companies/tree (two levels, 1 011 nodes)', () => get('/companies/tree')],
      ['GET /companies/tree?depth=50 (all 10 011 nodes)', () => get('/companies/tree?depth=50')],
      [
        'GET /companies/:id/children (a branch’s fleets)',
        () => get(`/companies/${data.sampleBranchId}/children`),
      ],
      ['GET /companies/tree?q=Fleet 7-42 (search)', () => get('/companies/tree?q=Fleet%207-42')],
      ['GET /companies/tree?q=user099 (user search)', () => get('/companies/tree?q=user099')],
      [
        'GET /companies/:id/users?limit=50',
        () => get(`/companies/${data.sampleBranchId}/users?limit=50`),
      ],
      [
        'GET /companies/:id/users?cursor=… (page 2)',
        () =>
          get(
            `/companies/${data.sampleBranchId}/users?limit=5&cursor=${firstPage.nextCursor ?? ''}`,
          ),
      ],
      ['GET /users/:id', () => get(`/users/${data.sampleUserId}`)],
      [
        'PUT /users/:id/expiry?dryRun=1 (branch + fleets)',
        () =>
          get(`/users/${data.sampleUserId}/expiry?dryRun=1`, {
            method: 'PUT',
            body: JSON.stringify({
              expiresAt: '2030-01-01T00:00:00Z',
              applyToCompany: true,
              includeSubsidiaries: true,
            }),
          }),
      ],
      ['GET /roles', () => get('/roles')],
    ];
    const results: Record<string, { n: number; median: number; p95: number }> = {};
    for (const [name, fn] of cases) {
      results[name] = await measure(RUNS, fn);
      console.log(
        `${name.padEnd(52)} median ${fmt(results[name].median).padStart(9)}  p95 ${fmt(results[name].p95).padStart(9)}`,
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
      JSON.stringify({ runs: RUNS, dataset: data, treeBytes, results, peer }, null, 2),
    );
  },
);
