import { Hono } from 'hono';
import { authorize } from '../../authority/authorize';
import type { AppEnv } from '../../env';
import { faultsFor } from '../../lib/faults';
import { route } from '../../routes/route';
import { COMPANY_ROUTES as R } from './companies.contract';
import {
  ancestorsQuery,
  childrenQuery,
  companyQuery,
  contentsQuery,
  searchQuery,
  subtreeQuery,
} from './companies.repo';
import {
  companyDetail,
  createCompany,
  deleteCompany,
  inScope,
  nest,
  updateCompany,
} from './companies.service';

/**
 * Each route reads what it needs together with the actor (one round trip); a write then sends
 * one batch that re-checks its guards inside.
 */
export const companiesRoutes = new Hono<AppEnv>()
  .on(R.tree.method, R.tree.path, route(R.tree), async (c) => {
    const { q, depth } = c.req.valid('query');
    // The scope root and its depth are read inside the statement, by the claimed user id.
    const {
      rows: [rows],
    } = await authorize(c, (db, userId) => [
      q ? searchQuery(db, userId, q) : subtreeQuery(db, userId, depth),
    ]);
    return c.json({ roots: nest(rows) }, R.tree.status);
  })
  .on(R.get.method, R.get.path, route(R.get), async (c) => {
    const { id } = c.req.valid('param');
    const {
      actor,
      rows: [[company], ancestors, [contents]],
    } = await authorize(c, (db) => [
      companyQuery(db, id),
      ancestorsQuery(db, id),
      contentsQuery(db, id),
    ]);
    return c.json(companyDetail(actor, company, ancestors, contents), R.get.status);
  })
  .on(R.children.method, R.children.path, route(R.children), async (c) => {
    const { id } = c.req.valid('param');
    const {
      actor,
      rows: [[company], children],
    } = await authorize(c, (db) => [companyQuery(db, id), childrenQuery(db, id)]);
    inScope(actor, company);
    return c.json({ children: nest(children) }, R.children.status);
  })
  .on(R.create.method, R.create.path, route(R.create), async (c) => {
    const { name, parentId } = c.req.valid('json');
    const {
      actor,
      db,
      rows: [[parent]],
    } = await authorize(c, (db) => [companyQuery(db, parentId)]);
    return c.json(await createCompany(db, actor, parent, name), R.create.status);
  })
  .on(R.update.method, R.update.path, route(R.update), async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const {
      actor,
      db,
      rows: [[target], [newParent]],
    } = await authorize(c, (db) => [companyQuery(db, id), companyQuery(db, input.parentId ?? '')]);
    const company = await updateCompany(db, actor, { target, newParent }, input, faultsFor(c));
    return c.json(company, R.update.status);
  })
  .on(R.delete.method, R.delete.path, route(R.delete), async (c) => {
    const { id } = c.req.valid('param');
    const {
      actor,
      db,
      rows: [[target], [contents]],
    } = await authorize(c, (db) => [companyQuery(db, id), contentsQuery(db, id)]);
    await deleteCompany(db, actor, target, contents);
    return c.json({ deleted: 1 }, R.delete.status);
  });
