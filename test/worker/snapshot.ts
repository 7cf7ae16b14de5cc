import { sql } from 'drizzle-orm';
import { testDb } from './fixtures';

/**
 * Every row that belongs to the subtree at `path`: companies, their users, roles and grants,
 * and the audit entries about them, so a test can show that a request changed nothing there.
 */
export async function snapshotSubtree(path: string) {
  const db = testDb();
  const hi = `${path}~`;
  const q = (query: ReturnType<typeof sql>) => db.all(query);
  return {
    companies: await q(
      sql`SELECT * FROM companies WHERE path >= ${path} AND path < ${hi} ORDER BY id`,
    ),
    users: await q(sql`SELECT u.* FROM users u JOIN companies c ON c.id = u.company_id
      WHERE c.path >= ${path} AND c.path < ${hi} ORDER BY u.id`),
    roles:
      await q(sql`SELECT r.*, (SELECT group_concat(permission) FROM role_permissions p WHERE p.role_id = r.id) AS perms
      FROM roles r JOIN companies c ON c.id = r.company_id WHERE c.path >= ${path} AND c.path < ${hi} ORDER BY r.id`),
    userRoles: await q(sql`SELECT ur.* FROM user_roles ur JOIN users u ON u.id = ur.user_id
      JOIN companies c ON c.id = u.company_id WHERE c.path >= ${path} AND c.path < ${hi} ORDER BY 1, 2`),
    userPermissions:
      await q(sql`SELECT up.* FROM user_permissions up JOIN users u ON u.id = up.user_id
      JOIN companies c ON c.id = u.company_id WHERE c.path >= ${path} AND c.path < ${hi} ORDER BY 1, 2`),
    audit: await q(
      sql`SELECT id FROM audit_log WHERE company_path >= ${path} AND company_path < ${hi} ORDER BY id`,
    ),
  };
}
