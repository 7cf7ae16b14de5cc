import { Hono } from 'hono';
import { authorize } from '../../authority/authorize';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { ROLE_ROUTES as R } from './roles.contract';
import { ownerQuery, roleQuery, rolesVisibleQuery } from './roles.repo';
import { createRole, deleteRole, toRole, updateRole } from './roles.service';

const yes = (v: string | undefined) => v === '1' || v === 'true';

/**
 * Each route reads what it decides on together with the actor (one round trip); a write then
 * sends one guarded batch.
 */
export const rolesRoutes = new Hono<AppEnv>()
  .on(R.list.method, R.list.path, route(R.list), async (c) => {
    const {
      actor,
      rows: [rows],
    } = await authorize(c, (db, userId) => [rolesVisibleQuery(db, userId)]);
    return c.json({ roles: rows.map((r) => toRole(actor, r)) }, R.list.status);
  })
  .on(R.create.method, R.create.path, route(R.create), async (c) => {
    const input = c.req.valid('json');
    const {
      rows: [[owner]],
    } = await authorize(c, (db) => [ownerQuery(db, input.companyId)]);
    return c.json(await createRole(await serviceContext(c), owner, input), R.create.status);
  })
  .on(R.update.method, R.update.path, route(R.update), async (c) => {
    const { id } = c.req.valid('param');
    const {
      rows: [[role]],
    } = await authorize(c, (db, userId) => [roleQuery(db, userId, id)]);
    const updated = await updateRole(await serviceContext(c), role, c.req.valid('json'));
    return c.json(updated, R.update.status);
  })
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const {
      rows: [[role]],
    } = await authorize(c, (db, userId) => [roleQuery(db, userId, id)]);
    const result = await deleteRole(await serviceContext(c), role, {
      dryRun: yes(q.dryRun),
      force: yes(q.force),
    });
    return c.json(result, R.delete.status);
  });
