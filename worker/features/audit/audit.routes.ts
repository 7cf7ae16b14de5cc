import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditLog } from '../../../db/schema';
import { type AuditEntry, auditQuerySchema } from '../../../schemas/audit';
import { getActor, requirePermission } from '../../authority/actor';
import { underPath } from '../../authority/scope';
import type { AppEnv } from '../../env';
import { validate } from '../../lib/validate';
import { requireAuth } from '../../middleware/auth';

export const auditRoutes = new Hono<AppEnv>().get(
  '/',
  requireAuth,
  requirePermission('function.audit.view'),
  validate('query', auditQuerySchema),
  async (c) => {
    const actor = await getActor(c);
    const q = c.req.valid('query');
    const filters = [underPath(auditLog.companyPath, actor.scopePath)];
    if (q.action) filters.push(eq(auditLog.action, q.action));
    if (q.actor) filters.push(eq(auditLog.actorUsername, q.actor));
    if (q.targetId) filters.push(eq(auditLog.targetId, q.targetId));
    if (q.cursor) filters.push(lt(auditLog.id, q.cursor));
    if (q.q) {
      const needle = `%${q.q.replaceAll(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      const match = or(
        sql`${auditLog.summary} LIKE ${needle} ESCAPE '\\'`,
        sql`${auditLog.actorUsername} LIKE ${needle} ESCAPE '\\'`,
      );
      if (match) filters.push(match);
    }
    const rows = await c.var.db
      .select()
      .from(auditLog)
      .where(and(...filters))
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const entries: AuditEntry[] = page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      action: r.action as AuditEntry['action'],
      targetType: r.targetType as AuditEntry['targetType'],
      targetId: r.targetId,
      summary: r.summary,
      before: r.before,
      after: r.after,
    }));
    return c.json({
      entries,
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    });
  },
);
