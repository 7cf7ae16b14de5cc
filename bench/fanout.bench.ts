/**
 * Large changes and their live fan-out, through the real Worker (wrangler dev) and Durable
 * Objects on the scale set shaped with a 50 000-account region:
 * - an expiry sync of the region (50 001 accounts) to a past date while `BENCH_LIVE` (2 000)
 *   of them have an open socket: the answer, the time until the last socket heard `kicked`,
 *   how many heard it, and whether any hub of an account without sessions was woken;
 * - the same sync back to a future date (no live account left): the answer alone;
 * - deleting a user with 10 000 sub-users while `BENCH_TREE_LIVE` of them have a socket.
 * workerd's memory and open files are read before and after each step.
 * Run with `npm run bench:fanout`; results also land in test-results/bench-fanout.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, expectStatus } from './api-client';
import { BENCH_PEPPER, RESULTS_DIR, withBenchStack } from './bench-stack';
import { seedFanOut } from './fanout-seed';
import { closeAll, openWatchedSockets, type WatchedSocket, waitForKicks } from './live-sockets';
import { fmtProbe, probeRuntime, type RuntimeProbe } from './runtime-probe';
import { fmt, summarize } from './stats';

const PASSWORD = 'bench-password-1';
const LIVE = Number(process.env.BENCH_LIVE ?? 2000);
const TREE_LIVE = Number(process.env.BENCH_TREE_LIVE ?? 2000);
const SUB_USERS = 10_000;
const DAY = 86_400_000;

interface Step {
  step: string;
  accounts: number;
  answerMs: number;
  sockets: number;
  told: number;
  lastToldMs: number | null;
  /** Median and p95 of the time from the request to each socket's notice. */
  toldMs: { median: number; p95: number } | null;
  before: RuntimeProbe;
  after: RuntimeProbe;
}

/** Times `send`, then waits for every socket: the answer, and the last notice after the send. */
async function timed(sockets: WatchedSocket[], send: () => Promise<unknown>) {
  const t0 = performance.now();
  await send();
  const answerMs = performance.now() - t0;
  const told = await waitForKicks(sockets, 60_000);
  const times = sockets.flatMap((s) => (s.kickedAt === null ? [] : [s.kickedAt - t0]));
  const spread = times.length ? summarize(times) : null;
  return {
    answerMs,
    told,
    lastToldMs: times.length ? Math.max(...times) : null,
    toldMs: spread && { median: spread.median, p95: spread.p95 },
  };
}

const steps: Step[] = await withBenchStack({
  name: 'fanout',
  seed: (db) => seedFanOut(db, PASSWORD, BENCH_PEPPER, SUB_USERS),
  run: async ({ url, seeded, groupId, persistTo }) => {
    const call = apiClient(url);
    const probe = () => probeRuntime(groupId, persistTo);
    const admin = expectStatus(
      await call('POST', '/auth/login', { username: 'admin', password: PASSWORD, client: 'app' }),
      200,
      'admin sign-in',
    );
    const token = (admin.body as { token: string }).token;
    const results: Step[] = [];

    console.log(`opening ${LIVE} sockets in the region …`);
    const regionSockets = await openWatchedSockets(
      url,
      call,
      PASSWORD,
      seeded.regionUsernames.slice(0, LIVE),
    );
    const syncTo = (expiresAt: string) => () =>
      call(
        'PUT',
        `/users/${seeded.regionUserId}/expiry`,
        { expiresAt, applyToCompany: true, includeSubsidiaries: true },
        token,
      ).then((res) => expectStatus(res, 200, 'expiry sync'));
    let before = probe();
    const past = await timed(regionSockets, syncTo(new Date(Date.now() - DAY).toISOString()));
    results.push({
      step: `expiry sync of the region to a past date, ${LIVE} live`,
      accounts: seeded.regionAccounts,
      sockets: regionSockets.length,
      ...past,
      before,
      after: probe(),
    });
    closeAll(regionSockets);

    before = probe();
    const future = await timed([], syncTo(new Date(Date.now() + 30 * DAY).toISOString()));
    results.push({
      step: 'expiry sync of the region back to a future date, none live',
      accounts: seeded.regionAccounts,
      sockets: 0,
      ...future,
      before,
      after: probe(),
    });

    console.log(`opening ${TREE_LIVE} sockets among the sub-users …`);
    const treeSockets = await openWatchedSockets(
      url,
      call,
      PASSWORD,
      seeded.treeUsernames.slice(seeded.treeUsernames.length - TREE_LIVE),
    );
    before = probe();
    const cascade = await timed(treeSockets, () =>
      call('DELETE', `/users/${seeded.treeOwnerId}`, undefined, token).then((res) =>
        expectStatus(res, 200, 'cascade delete'),
      ),
    );
    results.push({
      step: `delete a user with ${SUB_USERS} sub-users, ${TREE_LIVE} live`,
      accounts: SUB_USERS + 1,
      sockets: treeSockets.length,
      ...cascade,
      before,
      after: probe(),
    });
    closeAll(treeSockets);
    return results;
  },
});

for (const s of steps) {
  console.log(`\n${s.step} (${s.accounts} accounts)`);
  console.log(`  answered in ${fmt(s.answerMs)}`);
  if (s.sockets > 0) {
    console.log(
      `  sockets told: ${s.told} of ${s.sockets}; after the request: median ${s.toldMs ? fmt(s.toldMs.median) : '–'}, p95 ${s.toldMs ? fmt(s.toldMs.p95) : '–'}, the last ${s.lastToldMs === null ? '–' : fmt(s.lastToldMs)}`,
    );
  }
  console.log(`  before: ${fmtProbe(s.before)}`);
  console.log(`  after:  ${fmtProbe(s.after)}`);
}
writeFileSync(join(RESULTS_DIR, 'bench-fanout.json'), JSON.stringify(steps, null, 2));
