import { Hono } from 'hono';
import { getActor } from '../../authority/actor';
import type { AppEnv } from '../../env';
import { faultsFor } from '../../lib/faults';
import { route } from '../../routes/route';
import { COMPANY_ROUTES as R } from './companies.contract';
import {
  companyChildren,
  companyDetail,
  companyTree,
  createCompany,
  deleteCompany,
  updateCompany,
} from './companies.service';

export const companiesRoutes = new Hono<AppEnv>()
  .on(R.tree.method, R.tree.path, route(R.tree), async (c) => {
    const { q, depth } = c.req.valid('query');
    const roots = await companyTree(c.var.db, await getActor(c), { q: q || undefined, depth });
    return c.json({ roots }, R.tree.status);
  })
  .on(R.get.method, R.get.path, route(R.get), async (c) =>
    c.json(await companyDetail(c.var.db, await getActor(c), c.req.valid('param').id), R.get.status),
  )
  .on(R.children.method, R.children.path, route(R.children), async (c) => {
    const children = await companyChildren(c.var.db, await getActor(c), c.req.valid('param').id);
    return c.json({ children }, R.children.status);
  })
  .on(R.create.method, R.create.path, route(R.create), async (c) =>
    c.json(await createCompany(c.var.db, await getActor(c), c.req.valid('json')), R.create.status),
  )
  .on(R.update.method, R.update.path, route(R.update), async (c) =>
    c.json(
      await updateCompany(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        faultsFor(c),
      ),
      R.update.status,
    ),
  )
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) => {
    await deleteCompany(c.var.db, await getActor(c), c.req.valid('param').id);
    return c.json({ deleted: 1 }, R.delete.status);
  });
