import { DurableObject } from 'cloudflare:workers';
import type { KickReason, LiveMessage } from '../../schemas/auth';
import type { Bindings } from '../env';

/** What to tell each user's hub. */
export type FanOutTask =
  | { kind: 'end_all'; reason: KickReason }
  | { kind: 'broadcast'; message: LiveMessage }
  | { kind: 'recheck' };

/** Hubs told per alarm run, and how many at a time. */
const BATCH = 400;
const CONCURRENCY = 100;
/** How long one alarm run goes on telling before it hands over to the next. */
const RUN_BUDGET_MS = 15_000;
/** A hub that failed this often is given up on (it re-checks the account on its next request anyway). */
const MAX_ATTEMPTS = 3;

/**
 * One large fan-out (a sync, a cascade, a role edit reaching many live accounts): the user ids
 * are stored first, then an alarm tells the hubs in batches. The request that started it
 * answers at once; a restart resumes from what is left, since alarms are retried until they
 * succeed. Each job gets its own object (a unique id), so jobs run side by side.
 */
export class FanOut extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS targets (
      user_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL DEFAULT 0)`);
  }

  async start(task: FanOutTask, userIds: string[]): Promise<void> {
    for (const id of userIds)
      this.sql.exec('INSERT OR IGNORE INTO targets (user_id) VALUES (?)', id);
    await this.ctx.storage.put('task', task);
    await this.ctx.storage.setAlarm(Date.now());
  }

  /** How many hubs are still to be told (for tests and benchmarks). */
  remaining(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM targets').one().n;
  }

  override async alarm(): Promise<void> {
    const task = await this.ctx.storage.get<FanOutTask>('task');
    const started = Date.now();
    // Batch after batch while the run is young: each waiting alarm would add its own delay.
    // A long job re-arms the alarm and goes on in the next run (and after a restart).
    while (Date.now() - started < RUN_BUDGET_MS) {
      const batch = this.sql
        .exec<{ user_id: string; attempts: number }>(
          'SELECT user_id, attempts FROM targets ORDER BY rowid LIMIT ?',
          BATCH,
        )
        .toArray();
      if (!task || batch.length === 0) {
        await this.ctx.storage.deleteAll();
        return;
      }
      await this.tellBatch(task, batch);
    }
    await this.ctx.storage.setAlarm(Date.now());
  }

  /** Tells one batch of hubs, CONCURRENCY at a time; each told (or given up) leaves the table. */
  private async tellBatch(task: FanOutTask, batch: { user_id: string; attempts: number }[]) {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const target = batch[next++];
        if (!target) continue;
        try {
          await tell(this.env, target.user_id, task);
          this.sql.exec('DELETE FROM targets WHERE user_id = ?', target.user_id);
        } catch (error) {
          if (target.attempts + 1 >= MAX_ATTEMPTS) {
            console.error('fan-out gave up on a hub', target.user_id, String(error));
            this.sql.exec('DELETE FROM targets WHERE user_id = ?', target.user_id);
          } else {
            this.sql.exec(
              'UPDATE targets SET attempts = attempts + 1 WHERE user_id = ?',
              target.user_id,
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batch.length) }, worker));
  }
}

/** Tells one user's hub. */
export function tell(env: Bindings, userId: string, task: FanOutTask): Promise<unknown> {
  const hub = env.SESSION_HUB.get(env.SESSION_HUB.idFromName(userId));
  if (task.kind === 'end_all') return hub.endAll(task.reason);
  if (task.kind === 'broadcast') return hub.broadcast(task.message);
  return hub.recheckAccount();
}
