import { and, desc, eq, getTableColumns, lt, or, type SQL, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { auditLog } from '../../../db/schema';
import type { AuditEntry, auditQuerySchema } from '../../../schemas/audit';
import { authorize } from '../../authority/authorize';
import { scopePathOf, underPathOf } from '../../authority/scope';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { AUDIT_ROUTES as R } from './audit.contract';

/** The entries of the scope at `scopePath` that match the query's filters. */
function auditFilters(q: z.output<typeof auditQuerySchema>, scopePath: SQL): SQL | undefined {
  const filters = [underPathOf(auditLog.companyPath, scopePath)];
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
  return and(...filters);
}

/** The actor's display name as it is now (null once the account is gone). */
const actorName = sql<
  string | null
>`(SELECT display_name FROM users WHERE id = ${auditLog.actorId})`;

/**
 * What the entry is about, by name, so people read names, not ids: the current name of the
 * user (username), company or role; for one deleted since, the name the entry itself recorded.
 */
const targetName = sql<string | null>`COALESCE(CASE ${auditLog.targetType}
    WHEN 'user' THEN (SELECT username FROM users WHERE id = ${auditLog.targetId})
    WHEN 'company' THEN (SELECT name FROM companies WHERE id = ${auditLog.targetId})
    WHEN 'role' THEN (SELECT name FROM roles WHERE id = ${auditLog.targetId}) END,
  json_extract(${auditLog.before}, '$.username'), json_extract(${auditLog.before}, '$.name'),
  json_extract(${auditLog.after}, '$.username'), json_extract(${auditLog.after}, '$.name'))`;

export const auditRoutes = new Hono<AppEnv>().on(
  R.list.method,
  R.list.path,
  route(R.list),
  async (c) => {
    const q = c.req.valid('query');
    // The scope is read inside the page's statement (by the claimed user id): one round trip.
    const {
      rows: [rows],
    } = await authorize(c, (db, userId) => [
      db
        .select({ ...getTableColumns(auditLog), actorName: actorName, targetName: targetName })
        .from(auditLog)
        .where(auditFilters(q, scopePathOf(userId)))
        .orderBy(desc(auditLog.id))
        .limit(q.limit + 1),
    ]);
    const page = rows.slice(0, q.limit);
    const entries: AuditEntry[] = page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      actorName: r.actorName,
      action: r.action as AuditEntry['action'],
      targetType: r.targetType as AuditEntry['targetType'],
      targetId: r.targetId,
      targetName: r.targetName === null ? null : String(r.targetName),
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
