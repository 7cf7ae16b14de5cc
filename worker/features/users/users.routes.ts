import { Hono } from 'hono';
import { getActor } from '../../authority/actor';
import { serviceContext } from '../../authority/service-context';
import type { AppEnv } from '../../env';
import { route } from '../../routes/route';
import { updateTokenConfig } from './token-config.service';
import { createUser } from './user-create.service';
import { deleteUser } from './user-delete.service';
import { updateExpiry } from './user-expiry.service';
import { updateUser } from './user-update.service';
import { USER_ROUTES as R } from './users.contract';
import { explainPermission, getUser, listCompanyUsers, listSubUsers } from './users.service';

const isDryRun = (v: string | undefined) => v === '1' || v === 'true';

export const usersRoutes = new Hono<AppEnv>()
  .on(R.create.method, R.create.path, route(R.create), async (c) =>
    c.json(await createUser(await serviceContext(c), c.req.valid('json')), R.create.status),
  )
  .on(R.get.method, R.get.path, route(R.get), async (c) =>
    c.json(await getUser(c.var.db, await getActor(c), c.req.valid('param').id), R.get.status),
  )
  .on(R.update.method, R.update.path, route(R.update), async (c) =>
    c.json(
      await updateUser(await serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
      R.update.status,
    ),
  )
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) =>
    c.json(
      await deleteUser(
        await serviceContext(c),
        c.req.valid('param').id,
        isDryRun(c.req.valid('query').dryRun),
      ),
      R.delete.status,
    ),
  )
  .on(R.subUsers.method, R.subUsers.path, route(R.subUsers), async (c) => {
    const users = await listSubUsers(c.var.db, await getActor(c), c.req.valid('param').id);
    return c.json({ users }, R.subUsers.status);
  })
  .on(R.expiry.method, R.expiry.path, route(R.expiry), async (c) =>
    c.json(
      await updateExpiry(
        await serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        isDryRun(c.req.valid('query').dryRun),
      ),
      R.expiry.status,
    ),
  )
  .on(R.tokenConfig.method, R.tokenConfig.path, route(R.tokenConfig), async (c) =>
    c.json(
      await updateTokenConfig(
        await serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      R.tokenConfig.status,
    ),
  )
  .on(R.explain.method, R.explain.path, route(R.explain), async (c) =>
    c.json(
      await explainPermission(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('query').permission,
      ),
      R.explain.status,
    ),
  )
  .on(R.companyUsers.method, R.companyUsers.path, route(R.companyUsers), async (c) =>
    c.json(
      await listCompanyUsers(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
      R.companyUsers.status,
    ),
  );
