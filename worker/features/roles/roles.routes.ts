import { Hono } from 'hono';
import { z } from 'zod';
import { roleIdSchema } from '../../../schemas/ids';
import { createRoleSchema, deleteRoleQuerySchema, updateRoleSchema } from '../../../schemas/roles';
import { getActor, requirePermission } from '../../authority/actor';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { validate } from '../../lib/validate';
import { requireAuth } from '../../middleware/auth';
import { createRole, deleteRole, listRoles, updateRole } from './roles.service';

const idParam = z.object({ id: roleIdSchema });
const yes = (v: string | undefined) => v === '1' || v === 'true';

export const rolesRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .get('/', requirePermission('function.roles.view'), async (c) => {
    return c.json({ roles: await listRoles(c.var.db, await getActor(c)) });
  })
  .post(
    '/',
    requirePermission('function.roles.create'),
    validate('json', createRoleSchema),
    async (c) => {
      return c.json(await createRole(await serviceContext(c), c.req.valid('json')), 201);
    },
  )
  .patch(
    '/:id',
    requirePermission('function.roles.edit'),
    validate('param', idParam),
    validate('json', updateRoleSchema),
    async (c) =>
      c.json(
        await updateRole(await serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  )
  .delete(
    '/:id',
    requirePermission('function.roles.delete'),
    validate('param', idParam),
    validate('query', deleteRoleQuerySchema),
    async (c) => {
      const q = c.req.valid('query');
      const result = await deleteRole(await serviceContext(c), c.req.valid('param').id, {
        dryRun: yes(q.dryRun),
        force: yes(q.force),
      });
      return c.json(result);
    },
  );
