import { type SQL, sql } from 'drizzle-orm';

/**
 * The ids among `targets` (a query answering one id column) that have live sessions, from
 * the index the SessionHubs keep. Put it in a write's batch *before* statements that delete
 * the targets, then tell only these hubs: a change to 50 000 accounts wakes the few hundred
 * that have someone to tell, not 50 000 Durable Objects.
 */
export const liveAmong = (targets: SQL): SQL =>
  sql`SELECT user_id AS id FROM live_accounts WHERE sessions > 0 AND user_id IN (${targets})`;
