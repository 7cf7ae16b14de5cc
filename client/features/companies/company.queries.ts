import { query } from '@solidjs/router';
import type { CompanyTreeNode } from '../../../schemas/companies';
import type { UserListItem } from '../../../schemas/users';
import { api, unwrap } from '../../lib/api';

export const getCompanyTree = query(async (q?: string): Promise<{ roots: CompanyTreeNode[] }> => {
  const body = await unwrap(api.companies.tree.$get({ query: q ? { q } : {} }));
  // Hono's JSON typing stops at recursive types; the worker builds exactly CompanyTreeNode.
  return body as unknown as { roots: CompanyTreeNode[] };
}, 'company-tree');

export const getCompanyUsers = query(
  async (
    companyId: string,
    q?: string,
    cursor?: string,
  ): Promise<{ users: UserListItem[]; nextCursor: string | null }> =>
    unwrap(
      api.companies[':id'].users.$get({
        param: { id: companyId },
        query: { ...(q ? { q } : {}), ...(cursor ? { cursor } : {}), limit: '50' },
      }),
    ),
  'company-users',
);

/** Finds a company in the tree, with the names of the companies above it. */
export function findCompany(
  roots: CompanyTreeNode[],
  id: string,
  trail: CompanyTreeNode[] = [],
): { node: CompanyTreeNode; trail: CompanyTreeNode[] } | null {
  for (const n of roots) {
    if (n.id === id) return { node: n, trail };
    const found = findCompany(n.children, id, [...trail, n]);
    if (found) return found;
  }
  return null;
}

/** Every company of the tree, depth-first, with its depth (for pickers). */
export function flattenTree(
  roots: CompanyTreeNode[],
  depth = 0,
): { node: CompanyTreeNode; depth: number }[] {
  return roots.flatMap((n) => [{ node: n, depth }, ...flattenTree(n.children, depth + 1)]);
}
