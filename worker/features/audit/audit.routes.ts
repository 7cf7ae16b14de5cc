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

/**
 * Names as they are now, but only of what lies in the reader's scope now: a user, company or
 * role that has since moved out of it (or an actor above it) must not lend the reader its
 * current name. Outside the scope the entry's own record speaks (the name it wrote then).
 */
const inScope = (companyPath: SQL, scopePath: SQL) => underPathOf(companyPath, scopePath);

/** The actor's display name as it is now, when the actor lies in the reader's scope. */
const actorNameIn = (scopePath: SQL) => sql<string | null>`(SELECT u.display_name FROM users u
    JOIN companies c ON c.id = u.company_id
    WHERE u.id = ${auditLog.actorId} AND ${inScope(sql`c.path`, scopePath)})`;

/**
 * What the entry is about, by name, so people read names, not ids: the current name of the
 * user (username), company or role in the reader's scope; else the name the entry recorded.
 */
const targetNameIn = (scopePath: SQL) => sql<string | null>`COALESCE(CASE ${auditLog.targetType}
    WHEN 'user' THEN (SELECT u.username FROM users u JOIN companies c ON c.id = u.company_id
      WHERE u.id = ${auditLog.targetId} AND ${inScope(sql`c.path`, scopePath)})
    WHEN 'company' THEN (SELECT c.name FROM companies c
      WHERE c.id = ${auditLog.targetId} AND ${inScope(sql`c.path`, scopePath)})
    WHEN 'role' THEN (SELECT r.name FROM roles r JOIN companies c ON c.id = r.company_id
      WHERE r.id = ${auditLog.targetId} AND ${inScope(sql`c.path`, scopePath)}) END,
  json_extract(${auditLog.after}, '$.username'), json_extract(${auditLog.after}, '$.name'),
  json_extract(${auditLog.before}, '$.username'), json_extract(${auditLog.before}, '$.name'))`;

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
        .select({
          ...getTableColumns(auditLog),
          actorName: actorNameIn(scopePathOf(userId)),
          targetName: targetNameIn(scopePathOf(userId)),
        })
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
