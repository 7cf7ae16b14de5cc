import { Hono } from 'hono';
import { getActor } from '../../authority/actor';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { ROLE_ROUTES as R } from './roles.contract';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service';

const yes = (v: string | undefined) => v === '1' || v === 'true';

export const rolesRoutes = new Hono<AppEnv>()
  .on(R.list.method, R.list.path, route(R.list), async (c) =>
    c.json({ roles: await listRoles(c.var.db, await getActor(c)) }, R.list.status),
  )
  .on(R.create.method, R.create.path, route(R.create), async (c) =>
    c.json(await createRole(await serviceContext(c), c.req.valid('json')), R.create.status),
  )
  .on(R.update.method, R.update.path, route(R.update), async (c) =>
    c.json(
      await updateRole(await serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
      R.update.status,
    ),
  )
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) => {
    const q = c.req.valid('query');
    const result = await deleteRole(await serviceContext(c), c.req.valid('param').id, {
      dryRun: yes(q.dryRun),
      force: yes(q.force),
    });
    return c.json(result, R.delete.status);
  });
