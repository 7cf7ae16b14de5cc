import { type SQL, sql } from 'drizzle-orm';

/** Direct and role grants of the accounts `ids` (a query answering one id column), as rows. */
export const grantsOf = (ids: SQL): SQL => sql`
        SELECT user_id, permission FROM user_permissions WHERE user_id IN (${ids})
        UNION
        SELECT ur.user_id, rp.permission FROM user_roles ur
          JOIN role_permissions rp ON rp.role_id = ur.role_id
          WHERE ur.user_id IN (${ids})`;

/**
 * The grants of the user `id` names and of each of its ancestors, as CTEs `lineage(id, depth)`
 * (the user first) and `lineage_grants(user_id, permission)` (direct or through a role).
 */
export const lineageGrantsCte = (id: string): SQL => sql`WITH RECURSIVE
    lineage(id, parent, depth) AS (
      SELECT id, parent_user_id, 0 FROM users WHERE id = ${id}
      UNION ALL
      SELECT p.id, p.parent_user_id, lineage.depth + 1 FROM users p JOIN lineage ON p.id = lineage.parent
    ),
    lineage_grants(user_id, permission) AS (${grantsOf(sql`SELECT id FROM lineage`)})`;

/**
 * The effective permissions of the user `id` names as a JSON array (one scalar subquery, to
 * batch with other reads): own grants ∩ every ancestor's, computed in the database.
 */
export const effectivePermissionsJson = (id: string): SQL => sql`(${lineageGrantsCte(id)}
    SELECT json_group_array(permission) FROM (
      SELECT permission FROM lineage_grants GROUP BY permission
        HAVING count(*) = (SELECT count(*) FROM lineage)))`;
