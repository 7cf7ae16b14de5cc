import { Hono } from 'hono';
import { z } from 'zod';
import { userIdSchema } from '../../../schemas/ids';
import {
  createUserSchema,
  dryRunQuerySchema,
  expiryUpdateSchema,
  explainQuerySchema,
  tokenConfigSchema,
  updateUserSchema,
} from '../../../schemas/users';
import { getActor, requirePermission } from '../../authority/actor';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { validate } from '../../lib/validate';
import { requireAuth } from '../../middleware/auth';
import { endSessions, listSessions } from '../sessions/sessions.service';
import { updateTokenConfig } from './token-config.service';
import { createUser } from './user-create.service';
import { deleteUser } from './user-delete.service';
import { updateExpiry } from './user-expiry.service';
import { updateUser } from './user-update.service';
import { explainPermission, getUser, listSubUsers } from './users.service';

const idParam = z.object({ id: userIdSchema });
const isDryRun = (v: string | undefined) => v === '1' || v === 'true';

export const usersRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .post(
    '/',
    requirePermission('function.users.create'),
    validate('json', createUserSchema),
    async (c) => {
      const user = await createUser(await serviceContext(c), c.req.valid('json'));
      return c.json(user, 201);
    },
  )
  .get('/:id', requirePermission('function.users.view'), validate('param', idParam), async (c) => {
    return c.json(await getUser(c.var.db, await getActor(c), c.req.valid('param').id));
  })
  .patch(
    '/:id',
    requirePermission('function.users.edit'),
    validate('param', idParam),
    validate('json', updateUserSchema),
    async (c) => {
      const user = await updateUser(
        await serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(user);
    },
  )
  .delete(
    '/:id',
    requirePermission('function.users.delete'),
    validate('param', idParam),
    validate('query', dryRunQuerySchema),
    async (c) => {
      const result = await deleteUser(
        await serviceContext(c),
        c.req.valid('param').id,
        isDryRun(c.req.valid('query').dryRun),
      );
      return c.json(result);
    },
  )
  .get(
    '/:id/subusers',
    requirePermission('function.users.view'),
    validate('param', idParam),
    async (c) => {
      const users = await listSubUsers(c.var.db, await getActor(c), c.req.valid('param').id);
      return c.json({ users });
    },
  )
  .put(
    '/:id/expiry',
    requirePermission('function.users.expiry.edit'),
    validate('param', idParam),
    validate('query', dryRunQuerySchema),
    validate('json', expiryUpdateSchema),
    async (c) => {
      const result = await updateExpiry(
        await serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        isDryRun(c.req.valid('query').dryRun),
      );
      return c.json(result);
    },
  )
  .get('/:id/sessions', validate('param', idParam), async (c) => {
    const ctx = await serviceContext(c);
    const sessions = await listSessions(ctx, c.req.valid('param').id, c.var.auth.sessionId);
    return c.json({ sessions });
  })
  .delete('/:id/sessions', validate('param', idParam), async (c) =>
    c.json(await endSessions(await serviceContext(c), c.req.valid('param').id, null)),
  )
  .put(
    '/:id/token-config',
    requirePermission('function.tokens.configure'),
    validate('param', idParam),
    validate('json', tokenConfigSchema),
    async (c) =>
      c.json(
        await updateTokenConfig(
          await serviceContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  )
  .get(
    '/:id/explain',
    requirePermission('function.users.view'),
    validate('param', idParam),
    validate('query', explainQuerySchema),
    async (c) => {
      const explanation = await explainPermission(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('query').permission,
      );
      return c.json(explanation);
    },
  );
