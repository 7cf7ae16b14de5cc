/**
 * A far database: the real Worker (wrangler dev) against sqld behind a proxy that adds a fixed
 * delay to every HTTP round trip (bench/delay-proxy.ts), so each round trip a request makes
 * shows in its latency as it would against a distant Turso. For each route: round trips (the
 * Worker's `x-gatehouse-db-trips` header, and what the proxy counted), median and p95 at 0 ms
 * and at the delay (default 40 ms), and whether p95 meets the goal.
 *
 *   npm run bench:far [-- --delay-ms 40 --runs 40]     (or BENCH_DELAY_MS, BENCH_RUNS)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '../db/seed';
import { apiClient } from './api-client';
import { BENCH_PEPPER, RESULTS_DIR, withBenchStack } from './bench-stack';
import { type DelayProxy, startDelayProxy } from './delay-proxy';
import { type FarRow, type FarSample, farRow, renderTable, summarizeRoute } from './far-report';
import { type Created, farRoutes, makeFixtures, type RouteCase, removeCreated } from './far-routes';
import { gitCommit } from './git-commit';
import { scanLog } from './log-scan';

const { values: args } = parseArgs({
  options: { 'delay-ms': { type: 'string' }, runs: { type: 'string' } },
});
const DELAY_MS = Number(args['delay-ms'] ?? process.env.BENCH_DELAY_MS ?? 40);
const RUNS = Number(args.runs ?? process.env.BENCH_RUNS ?? 40);
/** The 0 ms pass warms the same code paths first; a few calls per route settle the rest. */
const WARMUP = 3;
/** Quiet time after each answer, so trips made after it are not charged to the next call. */
const SETTLE_MS = 15;
const PASSWORD = 'bench-password-1';

if (!Number.isFinite(DELAY_MS) || DELAY_MS < 0 || !Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error('--delay-ms must be a number ≥ 0 and --runs a whole number ≥ 1');
}

/** Times one route `WARMUP + RUNS` times; only the last `RUNS` count. */
async function timeRoute(route: RouteCase, proxy: DelayProxy): Promise<FarSample[]> {
  const samples: FarSample[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const before = proxy.received;
    const res = await route.send(i);
    const atAnswer = proxy.received;
    await proxy.settle(SETTLE_MS);
    if (i < WARMUP) continue;
    samples.push({
      ms: res.ms,
      headerTrips: res.trips,
      proxyTrips: atAnswer - before,
      lateTrips: proxy.received - atAnswer,
      hashMs: res.hashMs,
    });
  }
  return samples;
}

const started = performance.now();
await withBenchStack({
  name: 'far',
  seed: (db) => seedDemo(db, PASSWORD, BENCH_PEPPER),
  front: (sqldUrl) => startDelayProxy(sqldUrl, 0),
  run: async ({ url, db, front: proxy, logs }) => {
    const call = apiClient(url);
    const fixtures = await makeFixtures(db, call, PASSWORD);
    const created: Created = { users: [], roles: [], companies: [] };
    // The same routes first with no added delay, then far.
    const passes: Map<string, FarSample[]>[] = [];
    for (const delayMs of [0, DELAY_MS]) {
      const routes = farRoutes(call, fixtures, PASSWORD, created, `d${delayMs}`);
      const results = new Map<string, FarSample[]>();
      proxy.delayMs = delayMs;
      console.log(`\n${delayMs} ms added per round trip: ${routes.length} routes × ${RUNS} runs`);
      for (const route of routes) {
        results.set(route.label, await timeRoute(route, proxy));
        process.stdout.write('.');
      }
      passes.push(results);
      // Clean-up is not measured; do it without the delay.
      proxy.delayMs = 0;
      await removeCreated(call, fixtures, created);
    }

    const routes = farRoutes(call, fixtures, PASSWORD, created, 'report');
    const [near, far] = passes;
    if (!near || !far) throw new Error('a pass is missing');
    const summary = (m: Map<string, FarSample[]>, label: string, delayMs: number) =>
      summarizeRoute(delayMs, m.get(label) ?? []);
    const signInHash = summary(far, 'POST /auth/login', DELAY_MS).hash?.median;
    const rows: FarRow[] = routes.map((r) =>
      farRow(
        r.label,
        r.kind,
        summary(near, r.label, 0),
        summary(far, r.label, DELAY_MS),
        r.hashesUnreported ? signInHash : undefined,
      ),
    );

    const commit = gitCommit();
    console.log(
      `\n\nfar database: ${DELAY_MS} ms added per round trip; ${RUNS} runs per route after ${WARMUP} warm-up; commit ${commit}`,
    );
    console.log(renderTable(rows, DELAY_MS));
    console.log(
      `\ntrips: the Worker's x-gatehouse-db-trips header; proxy: requests the delay proxy received during the call (at ${DELAY_MS} ms; "+late" = more arrived after the answer).` +
        `\n* sign-in judged without its password hash (Server-Timing, per request).` +
        `\n~ POST /users hashes the new account's password too but does not report it: judged less the sign-in hash median (${signInHash?.toFixed(1) ?? '?'} ms), an estimate.` +
        `\nGoals (p95 at ${DELAY_MS} ms): reads one round trip + 20 ms, writes and sign-in two + 30 ms (at 40 ms: 60 and 110 ms). The 0 ms run goes through the same proxy.`,
    );
    const mismatches = rows.filter((r) => r.tripsMismatch);
    console.log(
      mismatches.length === 0
        ? 'The proxy counted the same round trips as the header on every route.'
        : `The proxy's count differs from the header on:\n${mismatches.map((r) => `  ${r.label}: ${r.tripsMismatch}`).join('\n')}`,
    );
    console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, 'bench-far.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          commit,
          date: new Date().toISOString(),
          delayMs: DELAY_MS,
          runs: RUNS,
          warmup: WARMUP,
          rows,
          wranglerLog: { file: logs.wrangler, errorLines: scanLog(logs.wrangler).errorLines },
        },
        null,
        2,
      ),
    );
    console.log(`results: ${file}`);
  },
});
