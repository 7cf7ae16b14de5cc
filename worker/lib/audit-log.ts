import type { SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { AuditAction } from '../../schemas/audit';
import type { DbOrTx } from './db';
import { randomBytes, toBase64Url } from './encoding';

export interface AuditFacts {
  action: AuditAction;
  targetType: 'company' | 'user' | 'role';
  targetId: string;
  companyPath: string;
  /** Text, or SQL when it tells what only the write finds (e.g. how many held a role). */
  summary: string | SQL;
  /** JSON-serialisable facts, or SQL answering JSON text. */
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
