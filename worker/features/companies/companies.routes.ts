import { Hono } from 'hono';
import type { CompanyTreeNode } from '../../../schemas/companies';
import type { AppEnv } from '../../env';
import { requireAuth } from '../../middleware/auth';
import { findUserProfile } from '../auth/account.repo';
import { listSubtree } from './companies.repo';

export const companiesRoutes = new Hono<AppEnv>().get('/tree', requireAuth, async (c) => {
  const me = await findUserProfile(c.var.db, c.var.auth.userId);
  const rows = me ? await listSubtree(c.var.db, me.relatedCompanyId) : [];
  const nodes = new Map<string, CompanyTreeNode>(
    rows.map((r) => [r.id, { ...r, children: [] as CompanyTreeNode[] }]),
  );
  const roots: CompanyTreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return c.json({ roots });
});
