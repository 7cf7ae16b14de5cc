import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditLog } from '../../../db/schema';
import type { AuditEntry } from '../../../schemas/audit';
import { getActor } from '../../authority/actor';
import { underPath } from '../../authority/scope';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { AUDIT_ROUTES as R } from './audit.contract';

export const auditRoutes = new Hono<AppEnv>().on(
  R.list.method,
  R.list.path,
  route(R.list),
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
    return c.json(
      { entries, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null },
      R.list.status,
    );
  },
);
