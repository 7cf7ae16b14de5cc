import { type SQL, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { AuditAction } from '../../schemas/audit';
import type { DbOrTx } from './db';
import { randomBytes, toBase64Url } from './encoding';

export interface AuditFacts {
  action: AuditAction;
  targetType: 'company' | 'user' | 'role';
  targetId: string;
  companyPath: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** Time-ordered ids: 9 base-36 characters of milliseconds, then randomness. */
export function auditId(now = Date.now()): string {
  return `au_${now.toString(36).padStart(9, '0')}${toBase64Url(randomBytes(6))}`;
}

/** Who did it: the actor, as the audit log names it. */
export interface AuditActor {
  id: string;
  username: string;
}

/** The insert for one audit entry, to run in the same batch as the change it records. */
export function auditInsert(db: DbOrTx, actor: AuditActor, facts: AuditFacts) {
  return db.insert(auditLog).values({
    id: auditId(),
    at: new Date(),
    actorId: actor.id,
    actorUsername: actor.username,
    action: facts.action,
    targetType: facts.targetType,
    targetId: facts.targetId,
    companyPath: facts.companyPath,
    summary: facts.summary,
    before: facts.before ?? null,
    after: facts.after ?? null,
  });
}

/** An audit entry whose summary and before/after are computed in the database (SQL). */
export interface ComputedAuditFacts extends Omit<AuditFacts, 'summary' | 'before' | 'after'> {
  summary: SQL;
  before: SQL;
  after: SQL;
}

/**
 * The insert for one audit entry whose contents depend on rows the same batch chooses (the
 * accounts a cascade deletes, the accounts a sync changes): the summary and `before`/`after`
 * are SQL (JSON text for the latter), evaluated with the CTEs of `options.with` (without the
 * leading `WITH RECURSIVE`), so the entry names exactly what the batch did, however many.
 * `options.id` names the entry, so that later statements of the batch may read it.
 */
export function auditInsertComputed(
  actor: AuditActor,
  facts: ComputedAuditFacts,
  options: { id?: string; with?: SQL } = {},
): SQL {
  const ctes = options.with ? sql`WITH RECURSIVE ${options.with}` : sql``;
  return sql`${ctes} INSERT INTO audit_log
      (id, at, actor_id, actor_username, action, target_type, target_id, company_path, summary, before, after)
    SELECT ${options.id ?? auditId()}, ${Date.now()}, ${actor.id}, ${actor.username}, ${facts.action},
      ${facts.targetType}, ${facts.targetId}, ${facts.companyPath}, (${facts.summary}),
      (${facts.before}), (${facts.after})`;
}
