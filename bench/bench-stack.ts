import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClientBuilt } from '../scripts/lib/client-build';
import { applyMigrations, connect } from '../scripts/lib/migrate';
import { freePort } from '../scripts/lib/ports';
import { stopAllGroups, stopGroupsOnSignals } from '../scripts/lib/process-group';
import { type RunningSqld, startSqld } from '../scripts/lib/sqld';
import { type RunningWorker, startWorker } from '../scripts/lib/wrangler';
import { describeLog, scanLog } from './log-scan';

export const BENCH_PEPPER = 'bench-pepper';

/** Where benches write their logs and results. */
export const RESULTS_DIR = 'test-results';

export type BenchDb = ReturnType<typeof connect>;

/** Something the Worker talks to instead of sqld itself (the far bench's delay proxy). */
export interface DatabaseFront {
  url: string;
  stop(): Promise<void>;
}

export interface BenchStack<S, F> {
  url: string;
  /** A direct connection to sqld (not through the front), for seeding and clean-up. */
  db: BenchDb;
  seeded: S;
  front: F;
  logs: { wrangler: string; sqld: string };
  /** The process group of wrangler and its workerd, to read their memory and open files. */
  groupId: number;
  /** Where workerd keeps Durable Object storage. */
  persistTo: string;
}

export interface BenchStackOptions<S, F extends DatabaseFront | undefined, R> {
  /** Names the logs: `test-results/bench-<name>-wrangler.log` and `-sqld.log`. */
  name: string;
  seed: (db: BenchDb) => Promise<S>;
  /** Starts what the Worker should use as its database, given sqld's URL. */
  front?: (sqldUrl: string) => Promise<F>;
  run: (stack: BenchStack<S, F>) => Promise<R>;
}

/**
 * A throwaway sqld (migrated, filled by `seed`) and the real Worker under `wrangler dev` on top
 * of it; everything is stopped and deleted after `run`, when it throws, and on SIGINT/SIGTERM.
 * Wrangler's and sqld's output is kept under test-results/ and the count of error-like lines is
 * printed at the end: a bench whose server was failing must not pass for a fast one.
 */
export async function withBenchStack<S, R, F extends DatabaseFront | undefined = undefined>(
  opts: BenchStackOptions<S, F, R>,
): Promise<R> {
  const logs = {
    wrangler: join(RESULTS_DIR, `bench-${opts.name}-wrangler.log`),
    sqld: join(RESULTS_DIR, `bench-${opts.name}-sqld.log`),
  };
  // sqld appends to its log; a bench's log should hold that bench only.
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(logs.sqld, { force: true });
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  let sqld: RunningSqld | undefined;
  let worker: RunningWorker | undefined;
  let front: F | undefined;
  let db: BenchDb | undefined;
  let wranglerStarted = false;
  let interruptedExitCode: number | undefined;
  let tornDown: Promise<void> | undefined;
  // One teardown, shared by the normal end, an error and a signal.
  const teardown = () => {
    tornDown ??= (async () => {
      await worker?.stop();
      await front?.stop();
      db?.$client.close();
      await sqld?.stop();
      await stopAllGroups();
      rmSync(dir, { recursive: true, force: true });
      if (wranglerStarted) console.log(`\n${describeLog('wrangler', scanLog(logs.wrangler))}`);
      console.log(describeLog('sqld', scanLog(logs.sqld)));
    })();
    return tornDown;
  };
  stopGroupsOnSignals((exitCode) => {
    interruptedExitCode = exitCode;
    return teardown();
  });
  try {
    sqld = await startSqld(join(dir, 'sqld'), { logFile: logs.sqld });
    db = connect(sqld.url);
    await applyMigrations(sqld.url);
    const seeded = await opts.seed(db);
    front = await opts.front?.(sqld.url);
    await ensureClientBuilt();
    wranglerStarted = true;
    const persistTo = join(dir, 'wrangler');
    worker = await startWorker({
      port: await freePort(),
      libsqlUrl: front?.url ?? sqld.url,
      pepper: BENCH_PEPPER,
      persistTo,
      logFile: logs.wrangler,
    });
    const running = worker;
    // A bench must not go on timing a stack whose wrangler died (workerd may still answer).
    const wranglerDied = running.exited.then((code): never => {
      throw new Error(`wrangler dev exited during the bench (code ${code}); see ${logs.wrangler}`);
    });
    return await Promise.race([
      opts.run({
        url: running.url,
        db,
        seeded,
        front: front as F,
        logs,
        groupId: running.process.pid ?? 0,
        persistTo,
      }),
      wranglerDied,
    ]);
  } catch (error) {
    // Requests cut off by a signal's teardown fail; that is the stop, not an error to report.
    if (interruptedExitCode !== undefined) {
      await teardown();
      process.exit(interruptedExitCode);
    }
    throw error;
  } finally {
    await teardown();
  }
}
