import { query } from '@solidjs/router';
import type { CompanyDetail, CompanyTreeNode } from '../../../schemas/companies';
import type { UserListItem } from '../../../schemas/users';
import { api, unwrap } from '../../lib/api';

/** The tree two levels deep (deeper levels load per node), or the matches of a search. */
export const getCompanyTree = query(async (q?: string): Promise<{ roots: CompanyTreeNode[] }> => {
  const body = await unwrap(api.companies.tree.$get({ query: q ? { q } : {} }));
  // Hono's JSON typing stops at recursive types; the worker builds exactly CompanyTreeNode.
  return body as unknown as { roots: CompanyTreeNode[] };
}, 'company-tree');

export const getCompanyChildren = query(async (id: string): Promise<CompanyTreeNode[]> => {
  const body = await unwrap(api.companies[':id'].children.$get({ param: { id } }));
  return body.children as unknown as CompanyTreeNode[];
}, 'company-tree-children');

export const getCompany = query(
  (id: string): Promise<CompanyDetail> => unwrap(api.companies[':id'].$get({ param: { id } })),
  'company',
);

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

/**
 * Every company of the tree, depth-first, with its depth (for pickers). `prune` leaves a
 * company out together with everything below it.
 */
export function flattenTree(
  roots: CompanyTreeNode[],
  depth = 0,
  prune?: (node: CompanyTreeNode) => boolean,
): { node: CompanyTreeNode; depth: number }[] {
  return roots.flatMap((n) =>
    prune?.(n) ? [] : [{ node: n, depth }, ...flattenTree(n.children, depth + 1, prune)],
  );
}
