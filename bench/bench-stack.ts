import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, connect } from '../scripts/lib/migrate';
import { freePort } from '../scripts/lib/ports';
import { startSqld } from '../scripts/lib/sqld';
import { startWorker } from '../scripts/lib/wrangler';

export const BENCH_PEPPER = 'bench-pepper';

type Db = ReturnType<typeof connect>;

/**
 * A throwaway sqld (migrated, filled by `seed`) and the real Worker under `wrangler dev` on top
 * of it; everything is stopped and deleted after `run`.
 */
export async function withBenchStack<S, R>(
  seed: (db: Db) => Promise<S>,
  run: (stack: { url: string; db: Db; seeded: S }) => Promise<R>,
): Promise<R> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const sqld = await startSqld(join(dir, 'sqld'));
  const db = connect(sqld.url);
  try {
    await applyMigrations(sqld.url);
    const seeded = await seed(db);
    const worker = await startWorker({
      port: await freePort(),
      libsqlUrl: sqld.url,
      pepper: BENCH_PEPPER,
      persistTo: join(dir, 'wrangler'),
    });
    try {
      return await run({ url: worker.url, db, seeded });
    } finally {
      await worker.stop();
    }
  } finally {
    db.$client.close();
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
