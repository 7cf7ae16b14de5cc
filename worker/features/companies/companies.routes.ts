import { Hono } from 'hono';
import { z } from 'zod';
import {
  createCompanySchema,
  treeQuerySchema,
  updateCompanySchema,
} from '../../../schemas/companies';
import { companyIdSchema } from '../../../schemas/ids';
import { userListQuerySchema } from '../../../schemas/users';
import { getActor, requirePermission } from '../../authority/actor';
import type { AppEnv } from '../../env';
import { faultsFor } from '../../lib/faults';
import { validate } from '../../lib/validate';
import { requireAuth } from '../../middleware/auth';
import { listCompanyUsers } from '../users/users.service';
import {
  companyChildren,
  companyDetail,
  companyTree,
  createCompany,
  deleteCompany,
  updateCompany,
} from './companies.service';

const idParam = z.object({ id: companyIdSchema });

export const companiesRoutes = new Hono<AppEnv>()
  .use(requireAuth)
  .get(
    '/tree',
    requirePermission('function.companies.view'),
    validate('query', treeQuerySchema),
    async (c) => {
      const { q, depth } = c.req.valid('query');
      const roots = await companyTree(c.var.db, await getActor(c), { q: q || undefined, depth });
      return c.json({ roots });
    },
  )
  .get(
    '/:id',
    requirePermission('function.companies.view'),
    validate('param', idParam),
    async (c) => c.json(await companyDetail(c.var.db, await getActor(c), c.req.valid('param').id)),
  )
  .get(
    '/:id/children',
    requirePermission('function.companies.view'),
    validate('param', idParam),
    async (c) => {
      const children = await companyChildren(c.var.db, await getActor(c), c.req.valid('param').id);
      return c.json({ children });
    },
  )
  .post(
    '/',
    requirePermission('function.companies.create'),
    validate('json', createCompanySchema),
    async (c) => {
      const company = await createCompany(c.var.db, await getActor(c), c.req.valid('json'));
      return c.json(company, 201);
    },
  )
  .patch(
    '/:id',
    requirePermission('function.companies.edit'),
    validate('param', idParam),
    validate('json', updateCompanySchema),
    async (c) => {
      const company = await updateCompany(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        faultsFor(c),
      );
      return c.json(company);
    },
  )
  .delete(
    '/:id',
    requirePermission('function.companies.delete'),
    validate('param', idParam),
    async (c) => {
      await deleteCompany(c.var.db, await getActor(c), c.req.valid('param').id);
      return c.json({ deleted: 1 });
    },
  )
  .get(
    '/:id/users',
    requirePermission('function.users.view'),
    validate('param', idParam),
    validate('query', userListQuerySchema),
    async (c) => {
      const page = await listCompanyUsers(
        c.var.db,
        await getActor(c),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      return c.json(page);
    },
  );
