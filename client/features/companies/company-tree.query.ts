import { query } from '@solidjs/router';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { api, unwrap } from '../../lib/api';

export const getCompanyTree = query(async (): Promise<{ roots: CompanyTreeNode[] }> => {
  const body = await unwrap(api.companies.tree.$get({ query: {} }));
  // Hono's JSON typing stops at recursive types; the worker builds exactly CompanyTreeNode.
  return body as unknown as { roots: CompanyTreeNode[] };
}, 'company-tree');
